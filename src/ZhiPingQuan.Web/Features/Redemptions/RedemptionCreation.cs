using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Redemptions;

/// <summary>
/// A passed application becomes a redemption in the same save (docs/domain.md §4.6), at the programme year's standard amount,
/// payable to the agency that performed the confirmed assessment — when that agency was municipal and valid on the assessment
/// date. Otherwise none is made and the application's pages say why (<see cref="Shared.NotRedeemableApplications"/>): the
/// pass itself is never refused for it.
/// </summary>
public sealed class RedemptionCreation(AppDbContext db, IClock clock) : IDomainEventHandler<ApplicationPassed>
{
    public async Task HandleAsync(ApplicationPassed e, CancellationToken ct)
    {
        var application = db.QuotaApplications.Local.FirstOrDefault(a => a.Id == e.ApplicationId)
            ?? await db.QuotaApplications.FirstAsync(a => a.Id == e.ApplicationId, ct);
        var exists = db.Redemptions.Local.Any(r => r.EnterpriseId == application.EnterpriseId && r.ProgrammeYearId == application.ProgrammeYearId)
            || await db.Redemptions.AnyAsync(r => r.EnterpriseId == application.EnterpriseId && r.ProgrammeYearId == application.ProgrammeYearId, ct);
        if (exists)
        {
            return;
        }
        var assessment = db.Assessments.Local.FirstOrDefault(a => a.Id == application.AssessmentId)
            ?? await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == application.AssessmentId, ct);
        var agency = db.ServiceAgencies.Local.FirstOrDefault(a => a.Id == application.AgencyId)
            ?? await db.ServiceAgencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == application.AgencyId, ct);
        var date = assessment?.AssessmentDate;
        if (RedemptionEligibility.WhyNot(agency, date) is not null)
        {
            return;
        }
        var year = await db.ProgrammeYears.AsNoTracking().FirstAsync(y => y.Id == application.ProgrammeYearId, ct);
        db.Redemptions.Add(Redemption.ForPassedApplication(application, year.StandardAmount, agency, date, application.DecidedAtUtc ?? clock.UtcNow));
    }
}
