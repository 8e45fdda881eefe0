using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Bazaar.Platform.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Instance = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Seconds = table.Column<double>(type: "double precision", nullable: false),
                    Requests = table.Column<long>(type: "bigint", nullable: false),
                    Errors = table.Column<long>(type: "bigint", nullable: false),
                    Latency = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Orders = table.Column<long>(type: "bigint", nullable: false),
                    PaymentsSucceeded = table.Column<long>(type: "bigint", nullable: false),
                    PaymentsFailed = table.Column<long>(type: "bigint", nullable: false),
                    CacheHits = table.Column<long>(type: "bigint", nullable: false),
                    CacheMisses = table.Column<long>(type: "bigint", nullable: false),
                    OutboxBacklog = table.Column<long>(type: "bigint", nullable: true),
                    OutboxOldestSeconds = table.Column<double>(type: "double precision", nullable: true),
                    ReplicationLagSeconds = table.Column<double>(type: "double precision", nullable: true),
                    Ready = table.Column<bool>(type: "boolean", nullable: false),
                    Unready = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
