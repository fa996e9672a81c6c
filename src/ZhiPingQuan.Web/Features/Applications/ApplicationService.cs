using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Files;

namespace ZhiPingQuan.Web.Features.Applications;

/// <summary>
/// 额度申请, the enterprise's side (docs/domain.md §4.4): start an application pre-filled from the records, keep the contact
/// and the stated values, upload, replace and remove evidence through the file store, submit by the batch deadline, answer a
/// return, withdraw; and, for every reader, the application's page and its files. Loads, calls the domain and saves once;
/// audit lines and notices follow from the domain's events (<see cref="ApplicationNotices"/>). Every change takes the version
/// the page was read at (<see cref="VersionCheck.ExpectVersion"/>).
/// </summary>
public sealed class ApplicationService(
    AppDbContext db, IClock clock, IFileStore files, IAuditTrail audit, ApplicationOpportunities opportunities, ApplicationChecks checks,
    NotRedeemableApplications notRedeemable)
{
    public const string RecordType = nameof(QuotaApplication);

    // ----------------------------------------------------------------------------------------------
    // Reading
    // ----------------------------------------------------------------------------------------------

    /// <summary>The application with its evidence and returns (their items and changes), tracked for a change.</summary>
    public Task<QuotaApplication?> FindAsync(Guid id, CancellationToken ct) => WithParts(db.QuotaApplications).FirstOrDefaultAsync(a => a.Id == id, ct);

    public Task<QuotaApplication?> FindForReadAsync(Guid id, CancellationToken ct) =>
        WithParts(db.QuotaApplications.AsNoTracking()).FirstOrDefaultAsync(a => a.Id == id, ct);

    private static IQueryable<QuotaApplication> WithParts(IQueryable<QuotaApplication> query) =>
        query.Include(a => a.Evidence)
            .Include(a => a.SupplementRequests).ThenInclude(r => r.Items)
            .Include(a => a.SupplementRequests).ThenInclude(r => r.Changes)
            .AsSplitQuery();

    public Task<IReadOnlyList<ApplicationOpportunity>> OpportunitiesAsync(Guid enterpriseId, CancellationToken ct) =>
        opportunities.ForEnterpriseAsync(enterpriseId, ct);

    /// <summary>The enterprise's applications (newest first), filtered to a queue of the home page's to-dos.</summary>
    public async Task<PagedList<ApplicationListItem>> ListAsync(ClaimsPrincipal user, ApplicationListFilter filter, CancellationToken ct)
    {
        var query = db.QuotaApplications.AsNoTracking().VisibleTo(user);
        if (filter.Queue is { } queue)
        {
            query = query.Where(queue.Rule());
        }
        var rows = (
            from a in query
            join b in db.Batches on a.BatchId equals b.Id
            join y in db.ProgrammeYears on a.ProgrammeYearId equals y.Id
            orderby a.CreatedAtUtc descending
            select new { a, y.Year, BatchName = b.Name })
            .SelectWithRules(x => new ApplicationListItem(x.a.Id, x.Year, x.BatchName, x.a.State, x.a.IsRevised, x.a.CreatedAtUtc, x.a.LastSubmittedAtUtc,
                x.a.DecidedAtUtc,
                QuotaApplicationRules.AwaitingSupplement.IsSatisfiedBy(x.a)
                    ? db.SupplementRequests.Where(r => r.QuotaApplicationId == x.a.Id && SupplementRequestRules.Unanswered.IsSatisfiedBy(r))
                        .Select(r => (DateOnly?)r.DueDate).FirstOrDefault()
                    : null));
        return await PagedList.CreateAsync(rows, filter.Page, ct: ct);
    }

    /// <summary>Everything the pages show about one application.</summary>
    public async Task<ApplicationView> ViewAsync(QuotaApplication a, CancellationToken ct)
    {
        var names = await (
            from u in db.RecommendingUnits.Where(u => u.Id == a.RecommendingUnitId)
            from g in db.ServiceAgencies.Where(g => g.Id == a.AgencyId)
            from b in db.Batches.Where(b => b.Id == a.BatchId)
            from y in db.ProgrammeYears.Where(y => y.Id == b.ProgrammeYearId)
            select new { Unit = u.Name, Agency = g.Name, y.Year, BatchName = b.Name, b.Deadline })
            .AsNoTracking().FirstAsync(ct);
        var batch = await db.Batches.AsNoTracking().FirstAsync(b => b.Id == a.BatchId, ct);
        var fileMap = await FilesOfAsync(a, ct);
        var evidence = a.Evidence.OrderBy(e => e.AddedAtUtc).Select(e => new EvidenceView(e, fileMap.GetValueOrDefault(e.FileId), Chain(fileMap, e.FileId).Skip(1).ToList())).ToList();
        return new ApplicationView
        {
            Application = a,
            UnitName = names.Unit,
            AgencyName = names.Agency,
            Year = names.Year,
            BatchName = names.BatchName,
            Deadline = names.Deadline,
            OriginalDeadline = batch.OriginalDeadline,
            DaysLeft = ShanghaiTime.DaysLeft(clock, names.Deadline),
            Report = fileMap.GetValueOrDefault(a.ReportFileId),
            Evidence = evidence,
            Files = fileMap,
            Decisions = await db.ReviewDecisions.AsNoTracking().Where(d => d.ApplicationId == a.Id).OrderBy(d => d.AtUtc).ToListAsync(ct),
            History = await db.AuditEntries.AsNoTracking().Where(e => e.RecordType == RecordType && e.RecordId == a.Id)
                .OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(ct),
            Today = ShanghaiTime.Today(clock),
            NotRedeemableReason = QuotaApplicationRules.Passed.IsSatisfiedBy(a) ? await notRedeemable.WhyNotAsync(a.Id, ct) : null,
        };
    }

    public async Task<IReadOnlyList<string>> SmartFactoryLevelNamesAsync(CancellationToken ct) =>
        await db.SmartFactoryLevels.AsNoTracking().Where(l => l.IsActive).OrderBy(l => l.SortOrder).Select(l => l.Name).ToListAsync(ct);

    // ----------------------------------------------------------------------------------------------
    // Starting an application
    // ----------------------------------------------------------------------------------------------

    /// <summary>What the records say for the enterprise and batch, as the pre-filled start of an application; null when not listed.</summary>
    public async Task<NewApplicationModel?> NewAsync(Guid enterpriseId, Guid batchId, CancellationToken ct)
    {
        var origin = await OriginAsync(enterpriseId, batchId, ct);
        if (origin is null)
        {
            return null;
        }
        var (opportunity, row, assessment, enterprise) = origin.Value;
        return new NewApplicationModel
        {
            Opportunity = opportunity,
            UnitName = await db.RecommendingUnits.AsNoTracking().Where(u => u.Id == assessment.RecommendingUnitId).Select(u => u.Name).FirstAsync(ct),
            AgencyName = await db.ServiceAgencies.AsNoTracking().Where(g => g.Id == assessment.AgencyId).Select(g => g.Name).FirstAsync(ct),
            Bases = await BasesAsync(assessment, ct),
            Form = new ApplicationDetailsForm
            {
                EnterpriseName = enterprise.Name,
                CreditCode = enterprise.CreditCode.Value,
                Score = (assessment.Score ?? row.MaturityScore).Value,
                MaturityLevel = assessment.StatedLevel ?? row.MaturityScore.Level,
                SmartFactoryLevelName = assessment.SmartFactoryLevelName ?? row.SmartFactoryLevelName,
                ContactPerson = enterprise.ContactName,
                ContactPhone = enterprise.ContactPhone,
                ContactEmail = enterprise.ContactEmail,
            },
            SmartFactoryLevels = await SmartFactoryLevelNamesAsync(ct),
        };
    }

    /// <summary>
    /// Creates the draft from the records and the form. Refused (in Chinese, nothing saved) when the enterprise is not listed
    /// for the batch, has an active application this year, or its assessment has no report.
    /// </summary>
    public async Task<QuotaApplication> CreateAsync(Guid enterpriseId, Guid batchId, ApplicationDetailsForm form, CancellationToken ct)
    {
        var origin = await OriginAsync(enterpriseId, batchId, ct)
            ?? throw new DomainException("本企业未列入该批次已报送的汇总表，不能申请额度。");
        var (opportunity, _, assessment, _) = origin;
        if (!opportunity.MayStart)
        {
            throw new DomainException($"本企业{opportunity.Year}年度已有额度申请（{opportunity.ApplicationState?.ToChinese()}），同一年度只能有一份有效申请；撤回后方可重新申请。");
        }
        if (assessment.ReportFileId is not { } reportId || !await db.StoredFiles.AnyAsync(f => f.Id == reportId, ct))
        {
            throw new DomainException("评估诊断的报告文件缺失，暂不能申请额度，请联系服务机构。");
        }
        var application = new QuotaApplication(
            new ApplicationOrigin(enterpriseId, opportunity.ProgrammeYearId, batchId, assessment.RecommendingUnitId, assessment.Id, assessment.AgencyId,
                reportId, await BasesAsync(assessment, ct)),
            form.ToStated(), listedInSubmittedSummaryTable: true, clock.UtcNow, (form.ContactPerson, form.ContactPhone, form.ContactEmail));
        db.QuotaApplications.Add(application);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(application).State = EntityState.Detached;
            var other = await db.QuotaApplications.Where(QuotaApplicationRules.Active)
                .AnyAsync(a => a.EnterpriseId == enterpriseId && a.ProgrammeYearId == opportunity.ProgrammeYearId, ct);
            if (!other)
            {
                throw;
            }
            // Another user of the enterprise started one at the same moment: the filtered unique index refused this one.
            throw new DomainException("本企业本年度的额度申请刚刚已由他人创建，请在“额度申请”中继续填写。");
        }
        return application;
    }

    private async Task<(ApplicationOpportunity Opportunity, SummaryTableRow Row, Assessment Assessment, Enterprise Enterprise)?> OriginAsync(
        Guid enterpriseId, Guid batchId, CancellationToken ct)
    {
        var opportunity = (await opportunities.ForEnterpriseAsync(enterpriseId, ct)).FirstOrDefault(o => o.BatchId == batchId);
        if (opportunity is null)
        {
            return null;
        }
        var row = await (
            from r in db.SummaryTableRows
            join t in db.SummaryTables.Where(SummaryTableRules.CurrentAndSubmitted) on r.SummaryTableId equals t.Id
            where r.EnterpriseId == enterpriseId && t.BatchId == batchId
            select r).AsNoTracking().FirstAsync(ct);
        var assessment = await db.Assessments.AsNoTracking().FirstAsync(a => a.Id == row.AssessmentId, ct);
        var enterprise = await db.Enterprises.AsNoTracking().FirstAsync(e => e.Id == enterpriseId, ct);
        return (opportunity, row, assessment, enterprise);
    }

    private async Task<IReadOnlyList<Domain.Reference.RecommendationBasis>> BasesAsync(Assessment assessment, CancellationToken ct) =>
        (await db.Recommendations.AsNoTracking().FirstAsync(r => r.Id == assessment.RecommendationId, ct)).BasisList;

    // ----------------------------------------------------------------------------------------------
    // Editing
    // ----------------------------------------------------------------------------------------------

    public async Task SaveDetailsAsync(QuotaApplication a, ApplicationDetailsForm form, CancellationToken ct)
    {
        db.ExpectVersion(a, form.Version);
        a.UpdateStated(form.ToStated());
        a.UpdateContact(form.ContactPerson, form.ContactPhone, form.ContactEmail);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Stores the upload (content, size and hash checked there) and adds it; a refusal leaves no file and no row behind.</summary>
    public async Task AddEvidenceAsync(QuotaApplication a, EvidenceForm form, IncomingFile upload, string userName, CancellationToken ct)
    {
        db.ExpectVersion(a, form.Version);
        if (form.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            throw new DomainException("请选择材料类别。", nameof(EvidenceForm.Kind));
        }
        if (!a.IsEditable)
        {
            throw new InvalidTransitionException(QuotaApplication.RecordName, a.State.ToChinese(), "上传材料");
        }
        var stored = await files.SaveAsync(upload, EvidenceUpload.Types, EvidenceUpload.MaxSizeBytes, a.EnterpriseId, userName, null, ct);
        await SaveWithFileAsync(stored, () =>
        {
            a.AddEvidence(kind, string.IsNullOrWhiteSpace(form.Title) ? Path.GetFileNameWithoutExtension(stored.OriginalFileName) : form.Title,
                stored.Id, kind == EvidenceKind.UpgradeContract ? form.Contract : null, clock.UtcNow);
            db.StoredFiles.Add(stored);
        }, ct);
    }

    /// <summary>A new file for an item; the old one stays as the previous version (and in the file store).</summary>
    public async Task ReplaceEvidenceAsync(QuotaApplication a, Guid? version, Guid evidenceItemId, IncomingFile upload, string userName, CancellationToken ct)
    {
        db.ExpectVersion(a, version);
        var item = a.Evidence.FirstOrDefault(e => e.Id == evidenceItemId) ?? throw new DomainException("找不到该材料，可能已被删除，请刷新页面。");
        if (!a.IsEditable)
        {
            throw new InvalidTransitionException(QuotaApplication.RecordName, a.State.ToChinese(), "替换材料");
        }
        var previous = await db.StoredFiles.FirstOrDefaultAsync(f => f.Id == item.FileId, ct);
        var stored = await files.SaveAsync(upload, EvidenceUpload.Types, EvidenceUpload.MaxSizeBytes, a.EnterpriseId, userName, previous, ct);
        await SaveWithFileAsync(stored, () =>
        {
            a.ReplaceEvidenceFile(evidenceItemId, stored.Id, clock.UtcNow);
            db.StoredFiles.Add(stored);
        }, ct);
    }

    public async Task UpdateEvidenceAsync(QuotaApplication a, Guid evidenceItemId, EvidenceForm form, CancellationToken ct)
    {
        db.ExpectVersion(a, form.Version);
        var item = a.Evidence.FirstOrDefault(e => e.Id == evidenceItemId) ?? throw new DomainException("找不到该材料，可能已被删除，请刷新页面。");
        a.UpdateEvidence(evidenceItemId, form.Title ?? string.Empty, item.Kind == EvidenceKind.UpgradeContract ? form.Contract : null);
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveEvidenceAsync(QuotaApplication a, Guid? version, Guid evidenceItemId, CancellationToken ct)
    {
        db.ExpectVersion(a, version);
        a.RemoveEvidence(evidenceItemId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Runs the change and saves; when either refuses, the file just stored is removed again.</summary>
    private async Task SaveWithFileAsync(StoredFile stored, Action change, CancellationToken ct)
    {
        try
        {
            change();
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            db.ChangeTracker.Entries<StoredFile>().Where(e => e.Entity.Id == stored.Id).ToList().ForEach(e => e.State = EntityState.Detached);
            await files.DeleteAsync(stored.StorageKey);
            throw;
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Transitions
    // ----------------------------------------------------------------------------------------------

    /// <summary>Draft → Submitted by the batch deadline (as extended), with the report cross-check kept for the reviewers.</summary>
    public async Task SubmitAsync(QuotaApplication a, Guid? version, CancellationToken ct)
    {
        db.ExpectVersion(a, version);
        var batch = await db.Batches.AsNoTracking().FirstAsync(b => b.Id == a.BatchId, ct);
        a.Submit(clock.UtcNow, batch.Deadline);
        a.RecordReportCheck(await checks.ReadReportAsync(a, ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>ReturnedForSupplement → Resubmitted (已补正) by the return's due date; what changed is worked out by the domain.</summary>
    public async Task ResubmitAsync(QuotaApplication a, Guid? version, string? note, CancellationToken ct)
    {
        db.ExpectVersion(a, version);
        a.Resubmit(note, clock.UtcNow);
        a.RecordReportCheck(await checks.ReadReportAsync(a, ct));
        await db.SaveChangesAsync(ct);
    }

    public async Task WithdrawAsync(QuotaApplication a, Guid? version, string? reason, CancellationToken ct)
    {
        db.ExpectVersion(a, version);
        a.Withdraw(reason, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    // ----------------------------------------------------------------------------------------------
    // Files
    // ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Every file the application refers to — the report, each evidence item's file and the versions it replaced, the files
    /// named in a return's snapshot and in the changes of a resubmission — by id.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, FileView>> FilesOfAsync(QuotaApplication a, CancellationToken ct)
    {
        var wanted = new HashSet<Guid> { a.ReportFileId };
        foreach (var e in a.Evidence)
        {
            wanted.Add(e.FileId);
            if (e.PreviousFileId is { } previous)
            {
                wanted.Add(previous);
            }
        }
        foreach (var r in a.SupplementRequests)
        {
            foreach (var e in r.ReturnedContent().Evidence)
            {
                wanted.Add(e.FileId);
            }
            foreach (var c in r.Changes)
            {
                if (c.OldFileId is { } old) wanted.Add(old);
                if (c.NewFileId is { } now) wanted.Add(now);
            }
        }
        var found = new Dictionary<Guid, FileView>();
        // Follow each file back through the versions it replaced (a short chain: one link per replacement).
        for (var round = 0; wanted.Count > 0 && round < 50; round++)
        {
            var ids = wanted.ToList();
            var batch = await db.StoredFiles.AsNoTracking().Where(f => ids.Contains(f.Id)).ToListAsync(ct);
            wanted.Clear();
            foreach (var f in batch)
            {
                found[f.Id] = FileView.Of(f);
                if (f.PreviousVersionId is { } previous && !found.ContainsKey(previous))
                {
                    wanted.Add(previous);
                }
            }
        }
        return found;
    }

    /// <summary>The file and the versions it replaced, newest first.</summary>
    private static IEnumerable<FileView> Chain(IReadOnlyDictionary<Guid, FileView> files, Guid fileId)
    {
        var next = (Guid?)fileId;
        var seen = new HashSet<Guid>();
        while (next is { } id && seen.Add(id) && files.TryGetValue(id, out var f))
        {
            yield return f;
            next = f.PreviousVersionId;
        }
    }

    /// <summary>The stored file <paramref name="fileId"/> when the application refers to it (else null: answered 404).</summary>
    public async Task<StoredFile?> FileAsync(QuotaApplication a, Guid fileId, CancellationToken ct) =>
        (await FilesOfAsync(a, ct)).ContainsKey(fileId)
            ? await db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct)
            : null;

    public Stream? TryOpenRead(StoredFile file) => files.TryOpenRead(file);

    /// <summary>Records a download or view (a sensitive read, docs/domain.md §5) and saves it before the file is sent.</summary>
    public async Task RecordDownloadAsync(QuotaApplication a, StoredFile file, bool inline, CancellationToken ct)
    {
        var what = file.Id == a.ReportFileId ? "评估报告" : "申请材料";
        audit.Record(AuditAction.FileDownloaded, RecordType, a.Id, null, null,
            $"{(inline ? "在线查看" : "下载")}{what} 第{file.VersionNumber}版：{file.OriginalFileName}（文件编号 {file.Id}，SHA-256 {file.Sha256}）");
        await db.SaveChangesAsync(ct);
    }
}
