using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Web.Data;

/// <summary>The first half of the lifecycle: organisations with data, reference lists, programmes, recommendations, assessments.</summary>
public abstract partial class AppDbContext
{
    public DbSet<RecommendingUnit> RecommendingUnits => Set<RecommendingUnit>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<ServiceAgency> ServiceAgencies => Set<ServiceAgency>();
    public DbSet<SmartFactoryLevel> SmartFactoryLevels => Set<SmartFactoryLevel>();
    public DbSet<CreditCodeException> CreditCodeExceptions => Set<CreditCodeException>();
    public DbSet<ProgrammeYear> ProgrammeYears => Set<ProgrammeYear>();
    public DbSet<Batch> Batches => Set<Batch>();
    public DbSet<UnitYearSettings> UnitYearSettings => Set<UnitYearSettings>();
    public DbSet<Recommendation> Recommendations => Set<Recommendation>();
    public DbSet<Assessment> Assessments => Set<Assessment>();

    /// <summary>
    /// An enterprise whose name, credit code or industry changes in this save passes them on to its recommendations' copies
    /// (<see cref="Recommendation.EnterpriseName"/>), in the same save: whichever page or registry changed it.
    /// </summary>
    private async Task KeepEnterpriseCopiesAsync(CancellationToken ct)
    {
        var changed = ChangeTracker.Entries<Enterprise>()
            .Where(e => e.State == EntityState.Modified && Recommendation.CopiedEnterpriseProperties.Any(p => e.Property(p).IsModified))
            .Select(e => e.Entity)
            .ToList();
        foreach (var enterprise in changed)
        {
            foreach (var recommendation in await Recommendations.Where(r => r.EnterpriseId == enterprise.Id).ToListAsync(ct))
            {
                recommendation.CopyEnterpriseDetails(enterprise);
            }
        }
    }
}
