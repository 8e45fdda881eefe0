using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bazaar.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LowStockThreshold : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LowStockThreshold",
                table: "StockLevels",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddCheckConstraint(
                name: "CK_StockLevels_LowStockThreshold",
                table: "StockLevels",
                sql: "\"LowStockThreshold\" >= 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_StockLevels_LowStockThreshold",
                table: "StockLevels");

            migrationBuilder.DropColumn(
                name: "LowStockThreshold",
                table: "StockLevels");
        }
    }
}
