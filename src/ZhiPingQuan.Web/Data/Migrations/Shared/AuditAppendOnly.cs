namespace ZhiPingQuan.Web.Data.Migrations.Shared;

/// <summary>
/// Triggers that make the audit table append-only in the database itself, whoever connects with the application's
/// rights: DELETE (and TRUNCATE on PostgreSQL) is refused, and UPDATE is refused except the one that links a line into
/// the hash chain (chain columns set on a line that has none yet, every other column unchanged). Dropping a trigger needs
/// the table owner's rights, which the production application role does not have (README: database roles).
/// </summary>
public static class AuditAppendOnly
{
    /// <summary>Content columns: the ones the chain's hash covers, besides the position and the previous hash.</summary>
    private static readonly string[] ContentColumns =
        ["Id", "AtUtc", "UserId", "UserName", "OrganisationId", "OrganisationName", "Action", "RecordType", "RecordId",
         "Before", "After", "Detail", "RemoteAddress"];

    public static string SqliteUp =>
        $"""
        CREATE TRIGGER "AuditEntries_refuse_delete" BEFORE DELETE ON "AuditEntries"
        BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only: delete refused'); END;
        CREATE TRIGGER "AuditEntries_refuse_update" BEFORE UPDATE ON "AuditEntries"
        WHEN OLD."Hash" IS NOT NULL OR {string.Join(" OR ", ContentColumns.Select(c => $"NEW.\"{c}\" IS NOT OLD.\"{c}\""))}
        BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only: update refused'); END;
        """;

    public const string SqliteDown =
        """
        DROP TRIGGER IF EXISTS "AuditEntries_refuse_update";
        DROP TRIGGER IF EXISTS "AuditEntries_refuse_delete";
        """;

    public static string PostgresUp =>
        $"""
        CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                RAISE EXCEPTION 'AuditEntries is append-only: % refused', lower(TG_OP);
            END IF;
            IF OLD."Hash" IS NOT NULL
               OR ({string.Join(", ", ContentColumns.Select(c => $"NEW.\"{c}\""))})
                  IS DISTINCT FROM ({string.Join(", ", ContentColumns.Select(c => $"OLD.\"{c}\""))}) THEN
                RAISE EXCEPTION 'AuditEntries is append-only: update refused';
            END IF;
            RETURN NEW;
        END
        $$;
        CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON "AuditEntries"
            FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
        CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "AuditEntries"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
        """;

    public const string PostgresDown =
        """
        DROP TRIGGER IF EXISTS audit_entries_no_truncate ON "AuditEntries";
        DROP TRIGGER IF EXISTS audit_entries_append_only ON "AuditEntries";
        DROP FUNCTION IF EXISTS audit_entries_append_only();
        """;

    /// <summary>SQL Server (configured, not exercised by the tests): deletes refused; updates of a linked line refused.</summary>
    public const string SqlServerUp =
        """
        CREATE TRIGGER [AuditEntries_append_only] ON [AuditEntries] AFTER UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            IF NOT EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM deleted WHERE [Hash] IS NOT NULL)
                THROW 51000, 'AuditEntries is append-only', 1;
        END
        """;

    public const string SqlServerDown = "DROP TRIGGER IF EXISTS [AuditEntries_append_only];";
}
