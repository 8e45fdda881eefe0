using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bazaar.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StorefrontSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchBody",
                table: "Products",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "Products",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "UnitsSold",
                table: "Products",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CountedSales",
                columns: table => new
                {
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountedSales", x => x.OrderId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Products_IsPublished_UnitsSold",
                table: "Products",
                columns: new[] { "IsPublished", "UnitsSold" });

            // The storefront search's index: FTS5 over the products' words, kept in step by triggers
            // (IndexProductsForSearch recreates them at start should a table rebuild have dropped
            // them). Existing rows go in now, with their words still empty, so the triggers' deletes
            // of the old words always find what they delete.
            migrationBuilder.Sql(Bazaar.Catalog.SqliteProductSearchSchema.Table);
            migrationBuilder.Sql(Bazaar.Catalog.SqliteProductSearchSchema.Vocabulary);
            foreach (var trigger in Bazaar.Catalog.SqliteProductSearchSchema.Triggers)
                migrationBuilder.Sql(trigger);
            migrationBuilder.Sql("INSERT INTO ProductSearch(rowid, SearchName, SearchBody) SELECT Id, SearchName, SearchBody FROM Products");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Products_search_ai");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Products_search_ad");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Products_search_au");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ProductSearchWords");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ProductSearch");
            migrationBuilder.DropTable(
                name: "CountedSales");

            migrationBuilder.DropIndex(
                name: "IX_Products_IsPublished_UnitsSold",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "SearchBody",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "SearchName",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "UnitsSold",
                table: "Products");
        }
    }
}
