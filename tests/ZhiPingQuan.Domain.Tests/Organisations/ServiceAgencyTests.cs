using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Organisations;

public class ServiceAgencyTests
{
    private static readonly CreditCode Code = CreditCode.Parse(Make.AgencyCode);

    [Fact]
    public void A_district_agency_must_name_its_recommending_unit()
    {
        var ex = Assert.Throws<DomainException>(() =>
            new ServiceAgency("区级机构", Code, AgencyLevel.District, null, new DateOnly(2023, 1, 1)));
        Assert.Equal("区级服务机构必须注明推荐单位。", ex.Message);
    }

    [Fact]
    public void A_municipal_agency_has_no_recommending_unit()
    {
        Assert.Throws<DomainException>(() =>
            new ServiceAgency("市级机构", Code, AgencyLevel.Municipal, Guid.NewGuid(), new DateOnly(2023, 1, 1)));
    }

    [Fact]
    public void Validity_cannot_end_before_it_starts()
    {
        var ex = Assert.Throws<DomainException>(() =>
            new ServiceAgency("市级机构", Code, AgencyLevel.Municipal, null, new DateOnly(2023, 6, 1), new DateOnly(2023, 5, 31)));
        Assert.Contains("不能早于起始日", ex.Message);
    }

    [Theory]
    [InlineData(2022, 12, 31, false)]
    [InlineData(2023, 1, 1, true)]
    [InlineData(2025, 12, 31, true)]
    [InlineData(2026, 1, 1, false)]
    public void A_municipal_agency_leads_to_redemption_only_within_its_validity(int y, int m, int d, bool expected)
    {
        var agency = Make.MunicipalAgency();
        Assert.Equal(expected, agency.CanLeadToRedemption(new DateOnly(y, m, d)));
    }

    [Fact]
    public void A_district_agency_never_leads_to_redemption()
    {
        var agency = Make.DistrictAgency(Make.Unit());
        Assert.True(agency.IsValidOn(new DateOnly(2023, 10, 1)));
        Assert.False(agency.CanLeadToRedemption(new DateOnly(2023, 10, 1)));
    }

    [Fact]
    public void An_open_ended_agency_stays_valid()
    {
        var agency = new ServiceAgency("市级机构", Code, AgencyLevel.Municipal, null, new DateOnly(2023, 1, 1));
        Assert.True(agency.CanLeadToRedemption(new DateOnly(2030, 1, 1)));
        Assert.Equal(OrganisationKind.Agency, agency.Kind);
    }

    [Fact]
    public void Promoting_a_district_agency_to_municipal_clears_the_unit()
    {
        var agency = Make.DistrictAgency(Make.Unit());
        agency.SetLevel(AgencyLevel.Municipal, null);
        Assert.Equal(AgencyLevel.Municipal, agency.Level);
        Assert.Null(agency.RecommendingUnitId);
    }

    [Theory]
    [InlineData(AgencyLevel.Municipal, "市级服务机构")]
    [InlineData(AgencyLevel.District, "区级服务机构")]
    public void Levels_have_Chinese_names(AgencyLevel level, string name) => Assert.Equal(name, level.ToChinese());
}

/// <summary>The register's transitions of an agency, each an audit line describing the agency before and after.</summary>
public class ServiceAgencyEventsTests
{
    private static AuditLine Line(ServiceAgency a) => Assert.IsAssignableFrom<IAuditedEvent>(Assert.Single(a.TakeEvents())).Audit;

    private static AgencyDetails Details(Guid? unitId = null, DateOnly? validTo = null) => new(
        "浦东数字化服务有限公司", Make.Code("91310115MA1H7A2BX"), unitId is null ? AgencyLevel.Municipal : AgencyLevel.District, unitId,
        false, new DateOnly(2024, 1, 1), validTo, "王五", "021-5555 6666", null);

    [Fact]
    public void Registering_records_the_agency_as_one_line_naming_its_unit()
    {
        var unit = Make.Unit();
        var agency = ServiceAgency.Register(Details(unit.Id), unit.Name);
        Assert.Equal(new AuditLine(AuditAction.AgencyRegistered, nameof(ServiceAgency), agency.Id, null,
            $"浦东数字化服务有限公司｜{agency.CreditCode.Value}｜区级服务机构（浦东新区推荐）｜未列入推荐目录｜有效期 2024-01-01 至 长期｜王五 021-5555 6666"), Line(agency));
    }

    [Fact]
    public void Changing_details_is_recorded_before_and_after_only_when_something_changed()
    {
        var agency = ServiceAgency.Register(Details(), null);
        agency.TakeEvents();
        Assert.False(agency.ChangeDetails(Details(), null, null));
        Assert.Empty(agency.PendingEvents());

        Assert.True(agency.ChangeDetails(Details(validTo: new DateOnly(2025, 12, 31)), null, null));
        var line = Line(agency);
        Assert.Equal(AuditAction.AgencyChanged, line.Action);
        Assert.Contains("有效期 2024-01-01 至 长期", line.Before);
        Assert.Contains("有效期 2024-01-01 至 2025-12-31", line.After);
    }

    [Fact]
    public void A_refused_change_records_nothing()
    {
        var agency = ServiceAgency.Register(Details(), null);
        agency.TakeEvents();
        Assert.Throws<DomainException>(() => agency.ChangeDetails(Details(validTo: new DateOnly(2023, 1, 1)), null, null));
        Assert.Empty(agency.PendingEvents());
    }
}
