using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Bazaar.Platform.Data.Migrations.Postgres
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
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "Products",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "UnitsSold",
                table: "Products",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "SearchVector",
                table: "Products",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "setweight(to_tsvector('simple', \"SearchName\"), 'A') || setweight(to_tsvector('simple', \"SearchBody\"), 'B')",
                stored: true);

            migrationBuilder.CreateTable(
                name: "CountedSales",
                columns: table => new
                {
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountedSales", x => x.OrderId);
                });

            migrationBuilder.CreateTable(
                name: "SearchWords",
                columns: table => new
                {
                    Word = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchWords", x => x.Word);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Products_IsPublished_UnitsSold",
                table: "Products",
                columns: new[] { "IsPublished", "UnitsSold" });

            migrationBuilder.CreateIndex(
                name: "IX_Products_SearchVector",
                table: "Products",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_SearchWords_Word_trgm",
                table: "SearchWords",
                column: "Word")
                .Annotation("Npgsql:IndexMethod", "gist")
                .Annotation("Npgsql:IndexOperators", new[] { "gist_trgm_ops" });

            // The known Latin words of product names and SKUs, for correcting misspelt queries. A
            // trigger, so every way a product is written (editor, import, COPY of the seeder) feeds it.
            migrationBuilder.Sql("""
                CREATE FUNCTION bazaar_learn_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO "SearchWords" ("Word")
                  SELECT DISTINCT w FROM unnest(string_to_array(NEW."SearchName", ' ')) AS w
                  WHERE w ~ '^[a-z][a-z0-9]{2,49}$'
                  ON CONFLICT DO NOTHING;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER "Products_learn_search_words" AFTER INSERT OR UPDATE OF "SearchName" ON "Products"
                  FOR EACH ROW EXECUTE FUNCTION bazaar_learn_search_words();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "Products_learn_search_words" ON "Products";
                DROP FUNCTION IF EXISTS bazaar_learn_search_words();
                """);
            migrationBuilder.DropTable(
                name: "CountedSales");

            migrationBuilder.DropTable(
                name: "SearchWords");

            migrationBuilder.DropIndex(
                name: "IX_Products_IsPublished_UnitsSold",
                table: "Products");

            migrationBuilder.DropIndex(
                name: "IX_Products_SearchVector",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "SearchVector",
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
