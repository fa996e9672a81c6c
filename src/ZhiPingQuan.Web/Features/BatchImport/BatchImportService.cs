using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.BatchImport;

/// <summary>
/// Batch list upload (docs/domain.md §4.1): at upload, reads the list once and checks every row against the rules and
/// the database (<see cref="CheckUploadAsync"/>; the verdict is kept with the pending import); on confirm,
/// checks the rows again inside the transaction — the database may have changed since the preview — and
/// imports the valid ones (<see cref="ImportAsync"/>). The domain stays the authority: each field is asked of
/// the rule that the entities themselves apply (<see cref="Enterprise.NameError"/>, <see cref="ContactRules"/>,
/// <see cref="TransformationContract.AmountError"/>, <see cref="EligibilityRules"/>, <see cref="CreditCode"/> and the
/// exception registry …), and <see cref="Recommendation.Recommend"/> re-checks eligibility while writing. The
/// database is asked a few set-based questions per list, never one per row.
/// </summary>
public sealed class BatchImportService(AppDbContext db, IClock clock, IAuditTrail audit, BatchListReader reader, ProgrammeChoices choices)
{
    /// <summary>Lookups per query: well under every provider's parameter limit (SQL Server's is 2100).</summary>
    private const int LookupChunk = 500;

    /// <summary>
    /// The template has no column for the contract's link (环节). A district lists a contract amount only for
    /// basis 1, which by definition is transformation in a key link, so an uploaded contract is recorded as a
    /// key-link (生产) contract with this note; the single recommendation page can correct the link later.
    /// </summary>
    public const KeyLink ImportedContractLink = KeyLink.Production;

    public const string ImportedContractNote = "批量导入：名单未填写合同环节，按关键环节改造合同登记";

    public Task<string?> UnitNameAsync(Guid unitId, CancellationToken ct = default) => choices.UnitNameAsync(unitId, ct);

    /// <summary>Every batch of every programme year, latest year first, with whether it is still open.</summary>
    public Task<IReadOnlyList<BatchChoice>> BatchesAsync(CancellationToken ct = default) => choices.BatchChoicesAsync(ct);

    public Task<BatchChoice?> FindBatchAsync(Guid batchId, CancellationToken ct = default) => choices.BatchChoiceAsync(batchId, ct);

    public const string ImportAction = "批量导入推荐名单";

    /// <summary>The batch a list is uploaded for, refused when none is chosen or its deadline has passed (the domain's refusal).</summary>
    public async Task<BatchChoice> OpenBatchAsync(Guid? batchId, CancellationToken ct = default)
    {
        var batch = await db.Batches.AsNoTracking().Include(b => b.ProgrammeYear).FirstOrDefaultAsync(b => b.Id == batchId, ct)
            ?? throw new DomainException("请选择要导入的批次。", "batchId");
        batch.EnsureOpen(clock.UtcNow, ImportAction);
        return (await FindBatchAsync(batch.Id, ct))!;
    }

    /// <summary>
    /// Reads and checks an uploaded list without writing anything: the verdict the preview shows. A whole file that
    /// cannot be read as a list is refused.
    /// </summary>
    public async Task<BatchImportVerdict> CheckUploadAsync(Stream content, StoredImport stored, BatchChoice batch, CancellationToken ct = default)
    {
        var read = reader.Read(content, stored.FileName);
        if (!read.Succeeded)
        {
            throw new DomainException($"文件“{stored.FileName}”未能导入：{read.Error}");
        }
        var rows = await CheckRowsAsync(read.Rows, stored.UnitId, batch, ct);
        return new BatchImportVerdict
        {
            ImportId = stored.Id,
            Sha256 = stored.Sha256,
            CheckedAtUtc = clock.UtcNow,
            FormatDescription = read.FormatDescription,
            SheetName = read.SheetName,
            HeaderRowNumber = read.HeaderRowNumber,
            OriginalHeaders = read.OriginalHeaders,
            IgnoredHeaders = read.IgnoredHeaders,
            Rows = rows,
        };
    }

    private async Task<List<BatchRowCheck>> CheckRowsAsync(IEnumerable<BatchListRow> rows, Guid unitId, BatchChoice batch, CancellationToken ct)
    {
        var checks = rows.Select(CheckCells).ToList();
        MarkDuplicatesInFile(checks);
        await CheckAgainstDatabaseAsync(checks, unitId, batch, ct);
        return checks;
    }

    /// <summary>
    /// Checks the previewed rows again inside the transaction (the file is not read again: the verdict holds its
    /// rows) and, when every row comes to the verdict the district saw, writes the valid rows — enterprises
    /// created or updated, recommendations created or updated to Recommended, one audit entry per row plus one
    /// for the import — in that transaction: changed records through SaveChanges, new ones in bulk. Any failure
    /// leaves the database as it was. Throws <see cref="BatchImportChangedException"/> (with the new verdict)
    /// when the database changed what a row would do, and <see cref="DomainException"/> when nothing may be imported.
    /// </summary>
    public async Task<BatchImportOutcome> ImportAsync(StoredImport stored, BatchImportVerdict verdict, string userName, CancellationToken ct = default)
    {
        if (!verdict.BelongsTo(stored))
        {
            throw new InvalidOperationException($"the verdict of import {verdict.ImportId} does not belong to import {stored.Id}");
        }
        var batch = await db.Batches.Include(b => b.ProgrammeYear).FirstOrDefaultAsync(b => b.Id == stored.BatchId, ct)
            ?? throw new DomainException("所选批次已不存在，请重新上传。");
        batch.EnsureOpen(clock.UtcNow, ImportAction);
        var target = (await FindBatchAsync(batch.Id, ct))!;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = await CheckRowsAsync(verdict.Rows.Select(r => r.Row), stored.UnitId, target, ct);
        var changed = rows.Where((row, i) => !row.SameVerdictAs(verdict.Rows[i])).Select(r => r.Row.RowNumber).ToList();
        var check = new BatchImportVerdict
        {
            ImportId = verdict.ImportId,
            Sha256 = verdict.Sha256,
            CheckedAtUtc = clock.UtcNow,
            FormatDescription = verdict.FormatDescription,
            SheetName = verdict.SheetName,
            HeaderRowNumber = verdict.HeaderRowNumber,
            OriginalHeaders = verdict.OriginalHeaders,
            IgnoredHeaders = verdict.IgnoredHeaders,
            Rows = rows,
        };
        if (changed.Count > 0)
        {
            throw new BatchImportChangedException(check, changed);
        }
        var valid = rows.Where(r => r.IsValid).ToList();
        if (valid.Count == 0)
        {
            throw new DomainException("名单中没有可导入的有效行，请按错误原因修改后重新上传。");
        }

        var now = clock.UtcNow;

        var enterpriseIds = valid.Where(r => r.ExistingEnterpriseId is not null).Select(r => r.ExistingEnterpriseId!.Value).ToList();
        var recommendationIds = valid.Where(r => r.ExistingRecommendationId is not null).Select(r => r.ExistingRecommendationId!.Value).ToList();
        var enterprises = new Dictionary<Guid, Enterprise>();
        foreach (var chunk in enterpriseIds.Chunk(LookupChunk))
        {
            foreach (var e in await db.Enterprises.Where(e => chunk.Contains(e.Id)).ToListAsync(ct))
            {
                enterprises[e.Id] = e;
            }
        }
        var recommendations = new Dictionary<Guid, Recommendation>();
        foreach (var chunk in recommendationIds.Chunk(LookupChunk))
        {
            foreach (var r in await db.Recommendations.Where(r => chunk.Contains(r.Id)).ToListAsync(ct))
            {
                recommendations[r.Id] = r;
            }
        }

        // Records that already exist are changed through the change tracker; the new ones — up to
        // 20 000 enterprises, their recommendations and an audit entry each — are written in bulk from the
        // same model (Data/BulkInsert.cs), which is what keeps a large list's import close to its read time.
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var batchTitle = target.Title;
            var newEnterprises = new List<Enterprise>();
            var newRecommendations = new List<Recommendation>();
            var rowEntries = new List<AuditEntry>(valid.Count);
            var updated = 0;
            foreach (var row in valid)
            {
                var enterprise = row.ExistingEnterpriseId is { } eid ? enterprises[eid] : null;
                if (enterprise is null)
                {
                    enterprise = new Enterprise(row.Row.EnterpriseName, row.Code!, row.Industry!.Value, row.Row.AnnualOutputWanYuan!.Value, stored.UnitId);
                    enterprise.SetContact(null, Blank(row.Row.ContactName), Blank(row.Row.ContactPhone), Blank(row.Row.ContactEmail));
                    newEnterprises.Add(enterprise);
                }
                else
                {
                    enterprise.Rename(row.Row.EnterpriseName);
                    enterprise.SetIndustry(row.Industry!.Value, enterprise.IndustryTags);
                    enterprise.SetAnnualOutput(row.Row.AnnualOutputWanYuan!.Value);
                    // A blank contact cell keeps what the registry has; a filled one replaces it. A row without any
                    // contact leaves the registry's contact untouched (not even re-checked: it may predate a rule).
                    if (Blank(row.Row.ContactName) is not null || Blank(row.Row.ContactPhone) is not null || Blank(row.Row.ContactEmail) is not null)
                    {
                        enterprise.SetContact(enterprise.Address,
                            Blank(row.Row.ContactName) ?? enterprise.ContactName,
                            Blank(row.Row.ContactPhone) ?? enterprise.ContactPhone,
                            Blank(row.Row.ContactEmail) ?? enterprise.ContactEmail);
                    }
                }

                var bases = row.Bases.Select(b => new RecommendationBasisStatement(b, Blank(row.Row.BasisDescription))).ToList();
                var contracts = ContractsFor(row);
                RecommendationState? before;
                Recommendation recommendation;
                if (row.ExistingRecommendationId is { } rid)
                {
                    recommendation = recommendations[rid];
                    before = recommendation.State;
                    if (!RecommendationStateRules.CountsAsRecommended.IsSatisfiedBy(recommendation.State) && recommendation.BatchId != batch.Id)
                    {
                        recommendation.ChangeBatch(batch);
                    }
                    recommendation.SetContent(bases, contracts, districtFundedOnly: false, enterprise);
                    if (recommendation.State != RecommendationState.Recommended)
                    {
                        recommendation.Recommend(enterprise, batch, userName, now);
                    }
                    updated++;
                }
                else
                {
                    before = null;
                    recommendation = new Recommendation(enterprise, batch, userName, now);
                    recommendation.SetContent(bases, contracts, districtFundedOnly: false, enterprise);
                    recommendation.Recommend(enterprise, batch, userName, now);
                    newRecommendations.Add(recommendation);
                }

                // The row's transitions (recommended, or recommended again) are recorded as the import's own line for the row.
                rowEntries.Add(BatchImportAudit.Row(audit, stored, row, enterprise, recommendation, before, batchTitle, contracts));
            }

            var created = newRecommendations.Count;
            var outcome = new BatchImportOutcome(created, updated, newEnterprises.Count, check.InvalidCount,
                check.InvalidCount > 0 ? ErrorWorkbook(check) : null);
            BatchImportAudit.Import(audit, stored, batchTitle, check.Rows.Count, valid.Count, created, updated, newEnterprises.Count, check.InvalidCount);

            // Only the loaded records (with their owned bases and contracts) changed since they were read.
            foreach (var entity in enterprises.Values.Cast<object>().Concat(recommendations.Values))
            {
                db.Entry(entity).DetectChanges();
            }
            await db.SaveChangesAsync(ct);
            await db.InsertNewAsync(newEnterprises, ct);
            await db.InsertNewAsync(newRecommendations, ct);
            await db.InsertNewAsync(rowEntries, ct);
            await transaction.CommitAsync(ct);
            await db.RefreshStatisticsAsync([typeof(Enterprise), typeof(Recommendation), typeof(AuditEntry)], ct);
            return outcome;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>The invalid rows as a workbook: the list's own columns plus 错误原因.</summary>
    public static byte[] ErrorWorkbook(BatchImportVerdict verdict) =>
        BatchListWorkbooks.ErrorRows(verdict.OriginalHeaders,
            verdict.Rows.Where(r => !r.IsValid).Select(r => (r.Row.OriginalCells, (IReadOnlyList<string>)r.Errors)));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static List<TransformationContract> ContractsFor(BatchRowCheck row) =>
        row.Bases.Contains(RecommendationBasis.SmartTransformation) && row.ContractAmountWanYuan is { } amount
            ? [new TransformationContract(amount, ImportedContractLink, ImportedContractNote)]
            : [];

    // ---- the checks ---------------------------------------------------------------------------------

    /// <summary>
    /// Everything a row's own cells can tell: required fields, formats, and the municipal rules — each asked of
    /// the domain's rule for it. A field whose own value is refused (unreadable, empty, out of range) is not
    /// asked about again by the eligibility rules, so every problem is named once.
    /// </summary>
    private BatchRowCheck CheckCells(BatchListRow row)
    {
        var check = new BatchRowCheck { Row = row };
        var errors = check.Errors;
        void Add(string? error)
        {
            if (error is not null)
            {
                errors.Add(error);
            }
        }

        Add(Enterprise.NameError(row.EnterpriseName));

        if (row.CreditCodeCellError is not null)
        {
            errors.Add(row.CreditCodeCellError);
        }
        else if (CreditCodeExceptions.TryAccept(row.CreditCodeText, RegisteredExceptionCodes(row.CreditCodeText), out var code, out var codeError))
        {
            check.Code = code;
            check.CodeText = code!.Value;
        }
        else
        {
            errors.Add(codeError!);
        }

        // Industry: empty is reported here; an unknown name by the rules, which list the six.
        if (row.IndustryText.Length == 0)
        {
            errors.Add("所属行业不能为空，应为六大重点产业（电子信息、生命健康、汽车、高端装备、先进材料、时尚消费品）之一。");
        }
        else
        {
            check.Industry = KeyIndustries.TryParse(row.IndustryText, out var industry) ? industry : null;
            Add(EligibilityRules.IndustryError(check.Industry));
        }

        // Output: unreadable, or not a value the registry holds, is reported here; missing or below 1 亿 by the rules.
        if (row.AnnualOutputError is not null)
        {
            errors.Add(row.AnnualOutputError);
        }
        else if (row.AnnualOutputWanYuan is { } output && Enterprise.AnnualOutputError(output) is { } outputError)
        {
            errors.Add(outputError);
        }
        else
        {
            Add(EligibilityRules.AnnualOutputError(row.AnnualOutputWanYuan));
        }

        var basis = RecommendationBases.Parse(row.BasisText);
        check.Bases = basis.Bases;
        Add(basis.Error);
        Add(RecommendationBasisStatement.DescriptionError(row.BasisDescription));

        // The contract: an unreadable or impossible amount is its own error; otherwise basis 1 asks the rules.
        if (row.ContractAmountError is not null)
        {
            errors.Add(row.ContractAmountError);
        }
        else if (row.ContractAmountWanYuan is { } amount && TransformationContract.AmountError(amount) is { } amountError)
        {
            errors.Add(amountError);
        }
        else
        {
            check.ContractAmountWanYuan = row.ContractAmountWanYuan;
            if (basis.Succeeded)
            {
                Add(EligibilityRules.BasisError(basis.Bases, ContractsFor(check)));
            }
        }

        Add(ContactRules.NameError(row.ContactName));
        Add(ContactRules.PhoneError(row.ContactPhone));
        Add(ContactRules.EmailError(row.ContactEmail));
        return check;
    }

    /// <summary>The same credit code twice in one list: the later row is the error.</summary>
    private static void MarkDuplicatesInFile(List<BatchRowCheck> checks)
    {
        var firstRowOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var check in checks)
        {
            var key = check.Code?.Value ?? (check.Row.CreditCodeCellError is null ? CreditCode.Normalise(check.Row.CreditCodeText) : null);
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }
            if (firstRowOfCode.TryGetValue(key, out var firstRow))
            {
                check.Errors.Add($"统一社会信用代码{key}与第{firstRow}行重复，同一名单中每家企业只能出现一次（本行未导入）。");
            }
            else
            {
                firstRowOfCode[key] = check.Row.RowNumber;
            }
        }
    }

    /// <summary>
    /// The registry and this year's recommendations for every code of the list, in a few set-based queries.
    /// A code registered by another unit, or an enterprise already recommended this year in another batch
    /// or by another unit, is an error; the unit's own enterprise in this batch is an update.
    /// </summary>
    private async Task CheckAgainstDatabaseAsync(List<BatchRowCheck> checks, Guid unitId, BatchChoice batch, CancellationToken ct)
    {
        var codes = checks.Where(c => c.Code is not null).Select(c => c.Code!).Distinct().ToList();
        var registered = new Dictionary<string, (Guid Id, Guid UnitId, bool IsActive, string Name)>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(LookupChunk))
        {
            var found = await db.Enterprises.AsNoTracking()
                .Where(e => chunk.Contains(e.CreditCode))
                .Select(e => new { e.Id, e.CreditCode, e.RecommendingUnitId, e.IsActive, e.Name })
                .ToListAsync(ct);
            foreach (var e in found)
            {
                registered[e.CreditCode.Value] = (e.Id, e.RecommendingUnitId, e.IsActive, e.Name);
            }
        }

        var enterpriseIds = registered.Values.Select(v => v.Id).ToList();
        var recommendations = new Dictionary<Guid, (Guid Id, Guid BatchId, RecommendationState State, Guid UnitId)>();
        foreach (var chunk in enterpriseIds.Chunk(LookupChunk))
        {
            var found = await db.Recommendations.AsNoTracking()
                .Where(r => r.ProgrammeYearId == batch.ProgrammeYearId && chunk.Contains(r.EnterpriseId))
                .Select(r => new { r.Id, r.EnterpriseId, r.BatchId, r.State, r.RecommendingUnitId })
                .ToListAsync(ct);
            foreach (var r in found)
            {
                recommendations[r.EnterpriseId] = (r.Id, r.BatchId, r.State, r.RecommendingUnitId);
            }
        }

        var unitIds = registered.Values.Select(v => v.UnitId).Concat(recommendations.Values.Select(r => r.UnitId)).Distinct().ToList();
        var unitNames = await db.Organisations.AsNoTracking().Where(o => unitIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var batchNames = await db.Batches.AsNoTracking().Where(b => b.ProgrammeYearId == batch.ProgrammeYearId)
            .Select(b => new { b.Id, b.Name }).ToDictionaryAsync(b => b.Id, b => b.Name, ct);

        foreach (var check in checks)
        {
            if (check.Code is null || !registered.TryGetValue(check.Code.Value, out var enterprise))
            {
                check.Outcome = check.IsValid ? BatchRowOutcome.Create : BatchRowOutcome.Invalid;
                continue;
            }
            if (enterprise.UnitId != unitId)
            {
                check.Errors.Add($"统一社会信用代码{check.Code}已由“{unitNames.GetValueOrDefault(enterprise.UnitId, "其他推荐单位")}”登记，只能由该推荐单位推荐；如企业已迁入本单位，请联系系统管理员变更登记单位。");
                check.Outcome = BatchRowOutcome.Invalid;
                continue;
            }
            if (!enterprise.IsActive)
            {
                check.Errors.Add($"企业“{enterprise.Name}”在本单位的登记已停用，不能推荐。");
            }
            check.ExistingEnterpriseId = enterprise.Id;

            if (recommendations.TryGetValue(enterprise.Id, out var existing))
            {
                if (existing.UnitId != unitId && RecommendationStateRules.HoldsTheYear.IsSatisfiedBy(existing.State))
                {
                    check.Errors.Add($"该企业{batch.Year}年度已由“{unitNames.GetValueOrDefault(existing.UnitId, "其他推荐单位")}”推荐（{existing.State.ToChinese()}），同一企业每年只能推荐一次。");
                }
                else if (existing.BatchId == batch.Id && RecommendationStateRules.Assessed.IsSatisfiedBy(existing.State))
                {
                    check.Errors.Add($"该企业本批次的推荐{existing.State.ToChinese()}，不能再通过批量导入修改。");
                }
                else if (existing.BatchId != batch.Id && RecommendationStateRules.CountsAsRecommended.IsSatisfiedBy(existing.State))
                {
                    check.Errors.Add($"该企业{batch.Year}年度已在本单位“{batchNames.GetValueOrDefault(existing.BatchId, "其他批次")}”中推荐（{existing.State.ToChinese()}），同一企业每年只能推荐一次；如需改到{batch.Name}，请先撤回原推荐。");
                }
                else if (existing.UnitId == unitId)
                {
                    check.ExistingRecommendationId = existing.Id;
                }
                else
                {
                    // Withdrawn by the unit that held the enterprise before it moved here: the unique
                    // (enterprise, year) record cannot be taken over by a second unit.
                    check.Errors.Add($"该企业{batch.Year}年度曾由“{unitNames.GetValueOrDefault(existing.UnitId, "其他推荐单位")}”推荐后撤回，请联系系统管理员处理后再推荐。");
                }
            }
            check.Outcome = !check.IsValid ? BatchRowOutcome.Invalid
                : check.ExistingRecommendationId is null ? BatchRowOutcome.Create : BatchRowOutcome.Update;
        }
    }

    private IReadOnlyCollection<string>? _exceptionCodes;

    /// <summary>The exception registry is read only when a code fails the check (rare), and then once.</summary>
    private IReadOnlyCollection<string> RegisteredExceptionCodes(string input)
    {
        if (_exceptionCodes is not null || CreditCode.TryParse(input, out _, out _) || CreditCode.Normalise(input).Length != 18)
        {
            return _exceptionCodes ?? [];
        }
        _exceptionCodes = db.CreditCodeExceptions.AsNoTracking().Select(e => e.Code).AsEnumerable().Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return _exceptionCodes;
    }
}
