using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bazaar.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OperationsSamples : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OperationsSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Instance = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Seconds = table.Column<double>(type: "REAL", nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    Errors = table.Column<long>(type: "INTEGER", nullable: false),
                    Latency = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Orders = table.Column<long>(type: "INTEGER", nullable: false),
                    PaymentsSucceeded = table.Column<long>(type: "INTEGER", nullable: false),
                    PaymentsFailed = table.Column<long>(type: "INTEGER", nullable: false),
                    CacheHits = table.Column<long>(type: "INTEGER", nullable: false),
                    CacheMisses = table.Column<long>(type: "INTEGER", nullable: false),
                    OutboxBacklog = table.Column<long>(type: "INTEGER", nullable: true),
                    OutboxOldestSeconds = table.Column<double>(type: "REAL", nullable: true),
                    ReplicationLagSeconds = table.Column<double>(type: "REAL", nullable: true),
                    Ready = table.Column<bool>(type: "INTEGER", nullable: false),
                    Unready = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OperationsSamples", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OperationsSamples_At",
                table: "OperationsSamples",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OperationsSamples");
        }
    }
}
