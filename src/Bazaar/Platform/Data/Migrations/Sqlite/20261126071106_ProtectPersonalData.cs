using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bazaar.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProtectPersonalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_PhoneNumber",
                table: "AspNetUsers");

            migrationBuilder.AddColumn<string>(
                name: "PhoneNumberIndex",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 44,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PhoneNumberIndex",
                table: "AspNetUsers",
                column: "PhoneNumberIndex",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_PhoneNumberIndex",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PhoneNumberIndex",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PhoneNumber",
                table: "AspNetUsers",
                column: "PhoneNumber",
                unique: true);
        }
    }
}
