using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bazaar.Platform.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Mac",
                table: "AuditEntries",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "PreviousMac",
                table: "AuditEntries",
                type: "bytea",
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
            // once, from nothing, with the rest of the row unchanged. The row is compared whole, so a
            // column added later is protected without touching this trigger. DELETE and TRUNCATE are
            // still refused by the AuditLog migration's function.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_entries_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE unsealed "AuditEntries";
                BEGIN
                    unsealed := NEW;
                    unsealed."ChainPosition" := NULL; unsealed."Mac" := NULL; unsealed."PreviousMac" := NULL;
                    IF OLD."ChainPosition" IS NULL AND OLD."Mac" IS NULL AND OLD."PreviousMac" IS NULL
                       AND NEW."ChainPosition" IS NOT NULL AND NEW."Mac" IS NOT NULL AND NEW."PreviousMac" IS NOT NULL
                       AND unsealed IS NOT DISTINCT FROM OLD THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'The audit log is append-only: an entry can only be sealed, once.';
                END $$;
                DROP TRIGGER "AuditEntries_append_only" ON "AuditEntries";
                CREATE TRIGGER "AuditEntries_append_only" BEFORE DELETE ON "AuditEntries"
                    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
                CREATE TRIGGER "AuditEntries_seal_only" BEFORE UPDATE ON "AuditEntries"
                    FOR EACH ROW EXECUTE FUNCTION audit_entries_seal_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "AuditEntries_seal_only" ON "AuditEntries";
                DROP FUNCTION IF EXISTS audit_entries_seal_only();
                DROP TRIGGER IF EXISTS "AuditEntries_append_only" ON "AuditEntries";
                CREATE TRIGGER "AuditEntries_append_only" BEFORE UPDATE OR DELETE ON "AuditEntries"
                    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
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
