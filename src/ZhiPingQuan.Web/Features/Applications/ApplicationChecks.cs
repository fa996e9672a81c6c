using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Reviews;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure.Files;
using ZhiPingQuan.Web.Infrastructure.Pdf;

namespace ZhiPingQuan.Web.Features.Applications;

/// <summary>
/// The automatic checks of docs/domain.md §4.5, computed from the real records: the registry, the current submitted summary
/// table of the application's unit and batch, the confirmed assessment and its agency, the application itself, the
/// enterprise's other applications and redemptions of the year, and the report cross-check kept at the last submission.
/// Works on many applications at once (the queue's "has warnings" filter) with a fixed number of queries.
/// </summary>
public sealed class ApplicationChecks(AppDbContext db, IFileStore files, IPdfTextReader pdfText)
{
    public async Task<IReadOnlyList<CheckResult>> ForAsync(Guid applicationId, CancellationToken ct) =>
        (await ForAsync([applicationId], ct)).GetValueOrDefault(applicationId) ?? [];

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<CheckResult>>> ForAsync(IReadOnlyCollection<Guid> applicationIds, CancellationToken ct)
    {
        if (applicationIds.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<CheckResult>>();
        }
        var ids = applicationIds.Distinct().ToList();
        var applications = await db.QuotaApplications.AsNoTracking().Include(a => a.Evidence).AsSplitQuery()
            .Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        var enterpriseIds = applications.Select(a => a.EnterpriseId).Distinct().ToList();
        var assessmentIds = applications.Select(a => a.AssessmentId).Distinct().ToList();
        var batchIds = applications.Select(a => a.BatchId).Distinct().ToList();
        var yearIds = applications.Select(a => a.ProgrammeYearId).Distinct().ToList();

        var enterprises = await db.Enterprises.AsNoTracking().Where(e => enterpriseIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Name, e.CreditCode }).ToDictionaryAsync(e => e.Id, ct);
        var assessments = await db.Assessments.AsNoTracking().Where(a => assessmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var agencyIds = assessments.Values.Select(a => a.AgencyId).Distinct().ToList();
        var agencies = await db.ServiceAgencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var tiers = await db.SmartFactoryLevels.AsNoTracking().ToDictionaryAsync(l => l.Id, ct);
        var batches = await db.Batches.AsNoTracking().Where(b => batchIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        var years = await db.ProgrammeYears.AsNoTracking().Where(y => yearIds.Contains(y.Id)).ToDictionaryAsync(y => y.Id, y => y.Year, ct);
        var rows = await (
            from row in db.SummaryTableRows
            join t in db.SummaryTables.Where(SummaryTableRules.CurrentAndSubmitted) on row.SummaryTableId equals t.Id
            where enterpriseIds.Contains(row.EnterpriseId) && batchIds.Contains(t.BatchId)
            select new { row.EnterpriseId, t.BatchId, t.RecommendingUnitId, row.EnterpriseName, row.CreditCode, row.MaturityScore, row.SmartFactoryLevelName })
            .AsNoTracking().ToListAsync(ct);
        var others = await db.QuotaApplications.AsNoTracking().Where(QuotaApplicationRules.Active)
            .Where(a => enterpriseIds.Contains(a.EnterpriseId) && yearIds.Contains(a.ProgrammeYearId))
            .Select(a => new { a.Id, a.EnterpriseId, a.ProgrammeYearId }).ToListAsync(ct);
        var redemptions = await db.Redemptions.AsNoTracking()
            .Where(r => enterpriseIds.Contains(r.EnterpriseId) && yearIds.Contains(r.ProgrammeYearId))
            .Select(r => new { r.EnterpriseId, r.ProgrammeYearId, r.ApplicationId }).ToListAsync(ct);

        var results = new Dictionary<Guid, IReadOnlyList<CheckResult>>();
        foreach (var a in applications)
        {
            var registry = enterprises[a.EnterpriseId];
            var assessment = assessments.GetValueOrDefault(a.AssessmentId);
            var agency = assessment is null ? null : agencies.GetValueOrDefault(assessment.AgencyId);
            var tier = assessment?.SmartFactoryLevelId is { } tierId ? tiers.GetValueOrDefault(tierId) : null;
            var batch = batches[a.BatchId];
            var row = rows.FirstOrDefault(r => r.EnterpriseId == a.EnterpriseId && r.BatchId == a.BatchId && r.RecommendingUnitId == a.RecommendingUnitId);
            var year = years[a.ProgrammeYearId];
            var assessmentScore = assessment?.Score ?? a.MaturityScore;
            var contracts = a.Evidence.Where(e => e.Contract is not null)
                .Select(e => new ContractEvidence(e.Title, e.ContractAmountWan!.Value, e.ContractLink!.Value, e.ContractDate!.Value)).ToList();
            var input = new ConsistencyInput
            {
                RegistryName = registry.Name,
                RegistryCreditCode = registry.CreditCode.Value,
                TableName = row?.EnterpriseName,
                TableCreditCode = row?.CreditCode,
                TableScore = row?.MaturityScore,
                TableSmartFactoryLevel = row?.SmartFactoryLevelName,
                // The assessment record names the enterprise by its registry entry.
                AssessmentName = registry.Name,
                AssessmentCreditCode = registry.CreditCode.Value,
                AssessmentScore = assessmentScore,
                AssessmentLevel = assessment?.StatedLevel ?? assessmentScore.Level,
                AssessmentSmartFactoryLevel = assessment?.SmartFactoryLevelName ?? "—",
                SmartFactoryLevelMinimumMaturity = tier?.MinimumMaturityLevel,
                ApplicationName = a.EnterpriseName,
                ApplicationCreditCode = a.CreditCode,
                ApplicationScore = a.MaturityScore,
                ApplicationLevel = a.MaturityLevel,
                ApplicationSmartFactoryLevel = a.SmartFactoryLevelName,
                ListedInSubmittedSummaryTable = row is not null,
                SubmittedInTime = a.SubmittedAtUtc is { } submitted && ShanghaiTime.IsOnOrBefore(submitted, batch.Deadline),
                EvidenceByBasis = a.Checklist.Where(c => c.Required)
                    .Select(c => new BasisEvidence(c.Basis!.Value.ToChinese(), c.Count > 0)).ToList(),
                Contracts = contracts,
                ProgrammeYear = year,
                AgencyMunicipalAtAssessment = agency is not null && assessment?.AssessmentDate is { } date && agency.CanLeadToRedemption(date),
                ConflictOfInterestDeclared = assessment?.ConflictDeclared == true,
                OtherApplicationOrRedemptionExists =
                    others.Any(o => o.EnterpriseId == a.EnterpriseId && o.ProgrammeYearId == a.ProgrammeYearId && o.Id != a.Id)
                    || redemptions.Any(r => r.EnterpriseId == a.EnterpriseId && r.ProgrammeYearId == a.ProgrammeYearId && r.ApplicationId != a.Id),
                ReportCheck = a.ReportCheckOutcome is { } outcome
                    ? new CheckResult(ConsistencyCheck.ReportMatchesRecord, ReportTextCheck.Name, outcome, a.ReportCheckDetail ?? string.Empty)
                    : null,
            };
            results[a.Id] = ConsistencyChecks.Run(input);
        }
        return results;
    }

    /// <summary>
    /// Reads the assessment report's text and compares it with the records (registry name and code, the confirmed score and
    /// level). Done at each submission and kept with the application: the report never changes after the assessment.
    /// </summary>
    public async Task<CheckResult> ReadReportAsync(QuotaApplication a, CancellationToken ct)
    {
        var enterprise = await db.Enterprises.AsNoTracking().Where(e => e.Id == a.EnterpriseId)
            .Select(e => new { e.Name, e.CreditCode }).FirstAsync(ct);
        var assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == a.AssessmentId, ct);
        var score = assessment?.Score ?? a.MaturityScore;
        var level = assessment?.StatedLevel ?? score.Level;
        var report = await db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == a.ReportFileId, ct);
        return ReportTextCheck.Run(report is null ? null : ReadText(report), enterprise.Name, enterprise.CreditCode.Value, score, level);
    }

    private string? ReadText(StoredFile report)
    {
        if (!string.Equals(report.ContentType, FileTypes.Pdf.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        using var stream = files.TryOpenRead(report);
        return stream is null ? null : pdfText.Read(stream);
    }
}
