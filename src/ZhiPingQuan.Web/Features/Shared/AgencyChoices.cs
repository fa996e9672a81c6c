using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Shared;

/// <summary>An agency offered where one is chosen (assignment, reassignment), with whether its work can be redeemed.</summary>
public sealed record AgencyChoice(
    Guid Id,
    string Name,
    AgencyLevel Level,
    string? UnitName,
    bool InCatalogue,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    bool QualifiesToday);

/// <summary>Model of the shared agency picker (<c>_AgencyPicker.cshtml</c>).</summary>
public sealed record AgencyPickerModel(string FieldName, IReadOnlyList<AgencyChoice> Choices, Guid? Selected, Guid? ExcludedId = null);

/// <summary>How agencies are described wherever one is shown or chosen.</summary>
public static class AgencyText
{
    public const string RedemptionNotice = "只有评估日期在有效期内的市级服务机构的评估才能兑付";

    public static string Validity(DateOnly from, DateOnly? to) => ServiceAgency.Validity(from, to);
}

/// <summary>The agencies a district may choose from, for the pages of several features.</summary>
public sealed class AgencyChoices(AppDbContext db, IClock clock)
{
    /// <summary>
    /// The agencies a district may assign: active, valid today, municipal or recommended by its own unit;
    /// municipal ones (the only ones whose work can be redeemed) first.
    /// </summary>
    public async Task<IReadOnlyList<AgencyChoice>> AssignableAsync(Guid unitId, CancellationToken ct = default)
    {
        var today = ShanghaiTime.Today(clock);
        var agencies = await db.ServiceAgencies.AsNoTracking()
            .Where(a => a.IsActive)
            .Where(ServiceAgencyRules.OpenTo.For(unitId))
            .Where(ServiceAgencyRules.ValidOn.For(today))
            .Include(a => a.RecommendingUnit)
            .ToListAsync(ct);
        return agencies
            .Select(a => new AgencyChoice(a.Id, a.Name, a.Level, a.RecommendingUnit?.Name, a.InCatalogue, a.ValidFrom, a.ValidTo,
                a.CanLeadToRedemption(today)))
            .OrderByDescending(a => a.QualifiesToday).ThenByDescending(a => a.InCatalogue).ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>The services of the shared folder.</summary>
public sealed class SharedFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AgencyChoices>();
        services.AddScoped<EnterpriseRecommendations>();
        services.AddScoped<AccountDirectory>();
        services.AddScoped<EnterpriseAccountStates>();
        services.AddScoped<RecordHistory>();
        services.AddScoped<SummaryTablesWaiting>();
        services.AddScoped<ApplicationOpportunities>();
        services.AddScoped<ProgrammeFigures>();
        services.AddScoped<NotRedeemableApplications>();
        services.AddScoped<ProgrammeChoices>();
        var verification = new VerificationOptions();
        configuration.GetSection(VerificationOptions.Section).Bind(verification);
        services.AddSingleton(_ => new VerificationAttempts(verification));
    }
}
