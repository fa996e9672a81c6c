using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Shared;

public sealed record NotRedeemableApplication(Guid ApplicationId, string EnterpriseName, string AgencyName, string Reason);

/// <summary>
/// Passed applications that have no redemption, each with the reason (docs/domain.md §4.6) — the domain's
/// <see cref="RedemptionEligibility.WhyNot"/> for the assessing agency on the assessment date, as the redemption's creation asks
/// it — for the commission's redemption list and the application's own page.
/// </summary>
public sealed class NotRedeemableApplications(AppDbContext db)
{
    public const string AlreadyRedeemedReason = "本年度该企业已有兑付记录。";

    public Task<IReadOnlyList<NotRedeemableApplication>> ForYearAsync(Guid? yearId, CancellationToken ct) =>
        QueryAsync(db.QuotaApplications.AsNoTracking().Where(a => yearId == null || a.ProgrammeYearId == yearId), ct);

    /// <summary>Why the application cannot be redeemed; null when it can, has been, or has not passed.</summary>
    public async Task<string?> WhyNotAsync(Guid applicationId, CancellationToken ct) =>
        (await QueryAsync(db.QuotaApplications.AsNoTracking().Where(a => a.Id == applicationId), ct)).FirstOrDefault()?.Reason;

    private async Task<IReadOnlyList<NotRedeemableApplication>> QueryAsync(IQueryable<QuotaApplication> applications, CancellationToken ct)
    {
        var passed = await (
            from a in applications.Where(QuotaApplicationRules.Passed)
            where !db.Redemptions.Any(r => r.ApplicationId == a.Id)
            join s in db.Assessments on a.AssessmentId equals s.Id
            join g in db.ServiceAgencies on a.AgencyId equals g.Id
            orderby a.DecidedAtUtc
            select new { a.Id, a.EnterpriseName, Agency = g, Assessment = s }).AsNoTracking().ToListAsync(ct);
        return passed.Select(p => new NotRedeemableApplication(p.Id, p.EnterpriseName, p.Agency.Name,
                RedemptionEligibility.WhyNot(p.Agency, p.Assessment.AssessmentDate) ?? AlreadyRedeemedReason))
            .ToList();
    }
}
