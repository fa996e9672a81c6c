using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Data;

/// <summary>
/// The batch import writes new records with <see cref="BulkInsert"/> instead of SaveChanges: the rows must be
/// exactly the ones SaveChanges writes (same columns, same stored form of ids, enums, times, decimals, the
/// TPH discriminator, owned rows' keys), on each real provider.
/// </summary>
public abstract class BulkInsertTests(PortalFactory portal)
{
    // Fractions of a second, a whole-number amount and an empty text (not NULL): the stored forms most likely to differ.
    private static readonly DateTime Now = new DateTime(2026, 11, 28, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_500);

    /// <summary>A new enterprise with a recommended recommendation (two bases, one contract) and an audit entry, all named by tag.</summary>
    private static async Task<(Enterprise Enterprise, Recommendation Recommendation, AuditEntry Audit)> NewRecordsAsync(AppDbContext db, string tag)
    {
        var unit = await db.RecommendingUnits.FirstAsync(u => u.Name == "浦东新区");
        var batch = await db.Batches.OrderByDescending(b => b.Deadline).FirstAsync();
        var enterprise = new Enterprise($"批量写入测试{tag}有限公司", TestData.NewCreditCode(), KeyIndustry.HighEndEquipment, 20_000m, unit.Id);
        enterprise.SetContact("浦东新区测试路1号", "联系人" + tag, "021-5555 0101", $"{tag.ToLowerInvariant()}@example.com");
        var recommendation = new Recommendation(enterprise, batch, tag, Now);
        recommendation.SetContent(
            [new RecommendationBasisStatement(RecommendationBasis.SmartTransformation, "产线改造" + tag), new RecommendationBasisStatement(RecommendationBasis.Voluntary)],
            [new TransformationContract(88.12m, KeyLink.Production, "合同" + tag)],
            districtFundedOnly: false, enterprise);
        recommendation.Recommend(enterprise, batch, tag, batch.Deadline.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(-1));
        var audit = new AuditEntry(Now, null, "测试", unit.Id, unit.Name, AuditAction.RecommendationImported, nameof(Recommendation), recommendation.Id, before: string.Empty, "Recommended", tag, "127.0.0.1");
        return (enterprise, recommendation, audit);
    }

    private static readonly (string Table, string Where)[] Tables =
    [
        ("Organisations", "\"Name\" = @tag"),
        ("Recommendations", "\"CreatedBy\" = @tag"),
        ("RecommendationBases", "\"RecommendationId\" IN (SELECT \"Id\" FROM \"Recommendations\" WHERE \"CreatedBy\" = @tag)"),
        ("TransformationContracts", "\"RecommendationId\" IN (SELECT \"Id\" FROM \"Recommendations\" WHERE \"CreatedBy\" = @tag)"),
        ("AuditEntries", "\"Detail\" = @tag"),
    ];

    /// <summary>
    /// An audit line's own identity and its place in the hash chain. The portal's background linker may link the first
    /// line between the two reads of the test; linking saves the line, which renews its version too.
    /// </summary>
    private static readonly HashSet<string> AuditIdentity = ["Id", "ChainIndex", "PreviousHash", "Hash", "Version"];

    /// <summary>Every stored column of the tagged rows, as the provider returns it (type and value).</summary>
    private static async Task<List<string>> StoredRowsAsync(AppDbContext db, string tag, string enterpriseName)
    {
        var rows = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var (table, where) in Tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\" WHERE {where}";
                AddText(command, "@tag", table == "Organisations" ? enterpriseName : tag);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    // An audit line cannot be deleted and written again (the table is append-only), so the bulk path writes a
                    // copy under a new id: its id and its place in the hash chain are the only columns that may differ.
                    var cells = Enumerable.Range(0, reader.FieldCount)
                        .Select(i => table == "AuditEntries" && AuditIdentity.Contains(reader.GetName(i))
                            ? $"{reader.GetName(i)}=*"
                            : $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "NULL" : $"{reader.GetFieldType(i).Name}:{reader.GetValue(i)}")}");
                    rows.Add($"{table}: {string.Join(" | ", cells)}");
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static async Task DeleteRowsAsync(AppDbContext db, string tag, string enterpriseName)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            // Children before their parents.
            // Children before their parents; audit lines stay (the database refuses to delete them).
            foreach (var (table, where) in new[] { Tables[3], Tables[2], Tables[1], Tables[0] })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"DELETE FROM \"{table}\" WHERE {where}";
                AddText(command, "@tag", table == "Organisations" ? enterpriseName : tag);
                await command.ExecuteNonQueryAsync();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void AddText(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private async Task<T> InScopeAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = portal.Scope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [Fact]
    public async Task Rows_written_in_bulk_are_stored_exactly_as_SaveChanges_stores_them()
    {
        var tag = TestData.Tag();
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var (enterprise, recommendation, audit) = await NewRecordsAsync(db, tag);

        // The same objects (same ids) written first by SaveChanges, then — after deleting those rows — in bulk.
        db.Enterprises.Add(enterprise);
        db.Recommendations.Add(recommendation);
        db.AuditEntries.Add(audit);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var bySaveChanges = await StoredRowsAsync(db, tag, enterprise.Name);
        await DeleteRowsAsync(db, tag, enterprise.Name);
        var auditLines = bySaveChanges.Where(r => r.StartsWith("AuditEntries:", StringComparison.Ordinal)).ToList();
        Assert.Equal(auditLines, await StoredRowsAsync(db, tag, enterprise.Name));

        var auditCopy = new AuditEntry(audit.AtUtc, audit.UserId, audit.UserName, audit.OrganisationId, audit.OrganisationName, audit.Action,
            audit.RecordType, audit.RecordId, audit.Before, audit.After, audit.Detail, audit.RemoteAddress) { Version = audit.Version };
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.InsertNewAsync([enterprise]);
            await db.InsertNewAsync([recommendation]);
            await db.InsertNewAsync([auditCopy]);
            await transaction.CommitAsync();
        }
        var inBulk = await StoredRowsAsync(db, tag, enterprise.Name);

        Assert.Equal(6, bySaveChanges.Count); // the enterprise, its recommendation, two bases, one contract, one audit entry
        Assert.Equal(bySaveChanges.Concat(auditLines).Order(StringComparer.Ordinal), inBulk);
    }

    [Fact]
    public async Task Records_written_in_bulk_read_back_through_the_model_with_every_value()
    {
        var tag = TestData.Tag();
        var (enterprise, recommendation, audit) = await InScopeAsync(async db =>
        {
            var records = await NewRecordsAsync(db, tag);
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.InsertNewAsync([records.Enterprise]);
            await db.InsertNewAsync([records.Recommendation]);
            await db.InsertNewAsync([records.Audit]);
            await transaction.CommitAsync();
            // Not tracked afterwards (only the unit and batch read to build them are).
            Assert.DoesNotContain(db.ChangeTracker.Entries(), e => e.Entity is Enterprise or Recommendation or AuditEntry);
            return records;
        });

        await InScopeAsync(async db =>
        {
            var e = await db.Enterprises.SingleAsync(x => x.Id == enterprise.Id);
            Assert.Equal((enterprise.Name, enterprise.CreditCode, enterprise.Industry, enterprise.AnnualOutputWanYuan, enterprise.RecommendingUnitId, enterprise.Version),
                (e.Name, e.CreditCode, e.Industry, e.AnnualOutputWanYuan, e.RecommendingUnitId, e.Version));
            Assert.Equal((OrganisationKind.Enterprise, true, "浦东新区测试路1号", enterprise.ContactEmail), (e.Kind, e.IsActive, e.Address, e.ContactEmail));
            Assert.Equal(e.Id, await db.Enterprises.Where(x => x.CreditCode == enterprise.CreditCode).Select(x => x.Id).SingleAsync());

            var r = await db.Recommendations.SingleAsync(x => x.EnterpriseId == enterprise.Id);
            Assert.Equal((recommendation.Id, RecommendationState.Recommended, recommendation.BatchId, recommendation.ProgrammeYearId, Now, recommendation.RecommendedAtUtc),
                (r.Id, r.State, r.BatchId, r.ProgrammeYearId, r.CreatedAtUtc, r.RecommendedAtUtc));
            Assert.Equal(DateTimeKind.Utc, r.CreatedAtUtc.Kind);
            Assert.Equal(recommendation.Bases.Select(b => (b.Id, b.Basis, b.Description)).OrderBy(b => b.Id), r.Bases.Select(b => (b.Id, b.Basis, b.Description)).OrderBy(b => b.Id));
            var contract = Assert.Single(r.Contracts);
            Assert.Equal((88.12m, KeyLink.Production, "合同" + tag), (contract.AmountWanYuan, contract.Link, contract.Description));

            var a = await db.AuditEntries.SingleAsync(x => x.Id == audit.Id);
            Assert.Equal((recommendation.Id, "Recommended", Now, "127.0.0.1"), (a.RecordId!.Value, a.After, a.AtUtc, a.RemoteAddress));
            return 0;
        });
    }

    [Fact]
    public async Task A_row_the_database_refuses_rolls_back_the_rows_written_before_it()
    {
        var tag = TestData.Tag();
        var (enterprisesBefore, recommendationsBefore) = await InScopeAsync(async db => (await db.Enterprises.CountAsync(), await db.Recommendations.CountAsync()));

        await InScopeAsync(async db =>
        {
            var first = await NewRecordsAsync(db, tag);
            var taken = await db.Enterprises.Select(e => e.CreditCode).FirstAsync();
            var duplicate = new Enterprise("重复代码企业" + tag, taken, KeyIndustry.Automotive, 20_000m, first.Enterprise.RecommendingUnitId);
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.InsertNewAsync([first.Enterprise]);
            await db.InsertNewAsync([first.Recommendation]);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.InsertNewAsync([duplicate]));
            await transaction.RollbackAsync();
            return 0;
        });

        Assert.Equal((enterprisesBefore, recommendationsBefore),
            await InScopeAsync(async db => (await db.Enterprises.CountAsync(), await db.Recommendations.CountAsync())));
        Assert.False(await InScopeAsync(db => db.Recommendations.AnyAsync(r => r.CreatedBy == tag)));
    }

    [Fact]
    public async Task Writing_in_bulk_outside_a_transaction_is_refused_before_anything_is_written()
    {
        var tag = TestData.Tag();
        await InScopeAsync(async db =>
        {
            var (enterprise, _, _) = await NewRecordsAsync(db, tag);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.InsertNewAsync([enterprise]));
            return 0;
        });
        Assert.False(await InScopeAsync(db => db.Enterprises.AnyAsync(e => e.Name.Contains(tag))));
    }
}

[Collection("sqlite")]
public sealed class BulkInsertTests_Sqlite(SqlitePortal portal) : BulkInsertTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class BulkInsertTests_Postgres(PostgresPortal portal) : BulkInsertTests(portal), IClassFixture<PostgresPortal>;
