using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bazaar.Platform.Data.Migrations.Postgres
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

            migrationBuilder.AlterColumn<string>(
                name: "Street",
                table: "Orders",
                type: "character varying(861)",
                maxLength: 861,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "Recipient",
                table: "Orders",
                type: "character varying(261)",
                maxLength: 261,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(50)",
                oldMaxLength: 50);

            migrationBuilder.AlterColumn<string>(
                name: "Province",
                table: "Orders",
                type: "character varying(181)",
                maxLength: 181,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

            migrationBuilder.AlterColumn<string>(
                name: "Postcode",
                table: "Orders",
                type: "character varying(85)",
                maxLength: 85,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "Orders",
                type: "character varying(141)",
                maxLength: 141,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);

            migrationBuilder.AlterColumn<string>(
                name: "District",
                table: "Orders",
                type: "character varying(181)",
                maxLength: 181,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

            migrationBuilder.AlterColumn<string>(
                name: "City",
                table: "Orders",
                type: "character varying(181)",
                maxLength: 181,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

            migrationBuilder.AlterColumn<string>(
                name: "To",
                table: "CustomerNotifications",
                type: "character varying(189)",
                maxLength: 189,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            migrationBuilder.AlterColumn<string>(
                name: "PhoneNumber",
                table: "AspNetUsers",
                type: "character varying(141)",
                maxLength: 141,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneNumberIndex",
                table: "AspNetUsers",
                type: "character varying(44)",
                maxLength: 44,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Street",
                table: "Addresses",
                type: "character varying(861)",
                maxLength: 861,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "Recipient",
                table: "Addresses",
                type: "character varying(261)",
                maxLength: 261,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(50)",
                oldMaxLength: 50);

            migrationBuilder.AlterColumn<string>(
                name: "Province",
                table: "Addresses",
                type: "character varying(181)",
                maxLength: 181,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

            migrationBuilder.AlterColumn<string>(
                name: "Postcode",
                table: "Addresses",
                type: "character varying(85)",
                maxLength: 85,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "Addresses",
                type: "character varying(141)",
                maxLength: 141,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);

            migrationBuilder.AlterColumn<string>(
                name: "District",
                table: "Addresses",
                type: "character varying(181)",
                maxLength: 181,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

            migrationBuilder.AlterColumn<string>(
                name: "City",
                table: "Addresses",
                type: "character varying(181)",
                maxLength: 181,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

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

            migrationBuilder.AlterColumn<string>(
                name: "Street",
                table: "Orders",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(861)",
                oldMaxLength: 861);

            migrationBuilder.AlterColumn<string>(
                name: "Recipient",
                table: "Orders",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(261)",
                oldMaxLength: 261);

            migrationBuilder.AlterColumn<string>(
                name: "Province",
                table: "Orders",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(181)",
                oldMaxLength: 181);

            migrationBuilder.AlterColumn<string>(
                name: "Postcode",
                table: "Orders",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(85)",
                oldMaxLength: 85);

            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "Orders",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(141)",
                oldMaxLength: 141);

            migrationBuilder.AlterColumn<string>(
                name: "District",
                table: "Orders",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(181)",
                oldMaxLength: 181);

            migrationBuilder.AlterColumn<string>(
                name: "City",
                table: "Orders",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(181)",
                oldMaxLength: 181);

            migrationBuilder.AlterColumn<string>(
                name: "To",
                table: "CustomerNotifications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(189)",
                oldMaxLength: 189);

            migrationBuilder.AlterColumn<string>(
                name: "PhoneNumber",
                table: "AspNetUsers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(141)",
                oldMaxLength: 141,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Street",
                table: "Addresses",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(861)",
                oldMaxLength: 861);

            migrationBuilder.AlterColumn<string>(
                name: "Recipient",
                table: "Addresses",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(261)",
                oldMaxLength: 261);

            migrationBuilder.AlterColumn<string>(
                name: "Province",
                table: "Addresses",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(181)",
                oldMaxLength: 181);

            migrationBuilder.AlterColumn<string>(
                name: "Postcode",
                table: "Addresses",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(85)",
                oldMaxLength: 85);

            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "Addresses",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(141)",
                oldMaxLength: 141);

            migrationBuilder.AlterColumn<string>(
                name: "District",
                table: "Addresses",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(181)",
                oldMaxLength: 181);

            migrationBuilder.AlterColumn<string>(
                name: "City",
                table: "Addresses",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(181)",
                oldMaxLength: 181);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PhoneNumber",
                table: "AspNetUsers",
                column: "PhoneNumber",
                unique: true);
        }
    }
}
