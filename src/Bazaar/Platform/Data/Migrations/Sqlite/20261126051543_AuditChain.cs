using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bazaar.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ChainPosition",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Mac",
                table: "AuditEntries",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "PreviousMac",
                table: "AuditEntries",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ChainPosition",
                table: "AuditEntries",
                column: "ChainPosition",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Unsealed",
                table: "AuditEntries",
                column: "Id",
                filter: "\"ChainPosition\" IS NULL");

            // Append-only, but for sealing: an entry's chain position, MAC and previous MAC may be set
            // once, from nothing, with every other column unchanged. Anything else is still refused.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_no_update\";");
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_seal_only" BEFORE UPDATE ON "AuditEntries"
                WHEN NOT (OLD."ChainPosition" IS NULL AND OLD."Mac" IS NULL AND OLD."PreviousMac" IS NULL
                    AND NEW."ChainPosition" IS NOT NULL AND NEW."Mac" IS NOT NULL AND NEW."PreviousMac" IS NOT NULL
                    AND NEW."Id" IS OLD."Id" AND NEW."At" IS OLD."At" AND NEW."ActorId" IS OLD."ActorId"
                    AND NEW."Actor" IS OLD."Actor" AND NEW."Action" IS OLD."Action" AND NEW."Target" IS OLD."Target"
                    AND NEW."Details" IS OLD."Details" AND NEW."IpAddress" IS OLD."IpAddress")
                BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: an entry can only be sealed, once.'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_seal_only\";");
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
                """);

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ChainPosition",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Unsealed",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ChainPosition",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Mac",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "PreviousMac",
                table: "AuditEntries");
        }
    }
}
