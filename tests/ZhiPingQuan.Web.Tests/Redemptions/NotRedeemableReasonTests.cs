using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.SummaryTables;
using static ZhiPingQuan.Web.Tests.Redemptions.RedemptionArrange;

namespace ZhiPingQuan.Web.Tests.Redemptions;

/// <summary>
/// A passed application whose agency cannot be redeemed (docs/domain.md §4.2, §4.6) says why on its own page, to the
/// commission and to the enterprise — the reason the redemption list gives, from the one rule; a redeemable one says none.
/// </summary>
public abstract class NotRedeemableReasonTests(TablePortal portal)
{
    private const string DistrictLevelReason = "为区级服务机构，只有市级服务机构的评估才能兑付";

    [Fact]
    public async Task A_pass_assessed_by_a_district_level_agency_shows_why_it_is_not_redeemed_to_the_commission_and_the_enterprise()
    {
        var year = await NewYearAsync(portal, new Money(1_000_000m));
        var districtAgency = await DistrictAgencyAsync(portal);
        var blocked = (await PassedAsync(portal, year, 1, districtAgency))[0];
        var redeemable = (await PassedAsync(portal, year, 1))[0];
        Assert.False(await portal.WithDbAsync(db => db.Redemptions.AnyAsync(r => r.ApplicationId == blocked.ApplicationId)));

        var commission = await portal.SignedInAsync(Commission);
        var page = Text(await commission.GetStringAsync($"/Reviews/Details/{blocked.ApplicationId}"));
        Assert.Contains("申请已审核通过", page);
        Assert.Contains("不能兑付智评券额度", page);
        Assert.Contains(DistrictLevelReason, page);
        // The same words as the commission's redemption list.
        var list = Text(await commission.GetStringAsync($"/Redemptions?yearId={year.YearId}"));
        Assert.Contains(DistrictLevelReason, list);

        var user = await AccountTesting.CreateUserAsync(portal, blocked.EnterpriseId, Roles.Enterprise, "blocked");
        var enterprise = await portal.SignedInAsync(user.Email!, Accounts.Password);
        var own = Text(await enterprise.GetStringAsync($"/Applications/Details/{blocked.ApplicationId}"));
        Assert.Contains("不能兑付智评券额度", own);
        Assert.Contains(DistrictLevelReason, own);
        Assert.DoesNotContain("将由市经信委办理额度兑换", own);

        var fine = Text(await commission.GetStringAsync($"/Reviews/Details/{redeemable.ApplicationId}"));
        Assert.DoesNotContain("不能兑付", fine);
    }

    [Fact]
    public async Task A_municipal_agency_not_valid_on_the_assessment_date_is_named_with_the_date()
    {
        var year = await NewYearAsync(portal, new Money(1_000_000m));
        var agencyId = await portal.WithDbAsync(async db =>
        {
            var agency = new ServiceAgency($"过期市级评估{TestData.Tag()}有限公司", TestData.NewCreditCode(), AgencyLevel.Municipal, null,
                new DateOnly(2023, 10, 1));
            db.Organisations.Add(agency);
            await db.SaveChangesAsync();
            return agency.Id;
        });
        var blocked = (await PassedAsync(portal, year, 1, agencyId))[0];
        var page = Text(await (await portal.SignedInAsync(Commission)).GetStringAsync($"/Reviews/Details/{blocked.ApplicationId}"));
        Assert.Contains("在评估日期2023年9月15日不在有效期内，不能兑付", page);
    }
}

[Collection("sqlite")]
public sealed class NotRedeemableReasonTests_Sqlite(TableSqlitePortal portal) : NotRedeemableReasonTests(portal), IClassFixture<TableSqlitePortal>;

[Collection("postgres")]
public sealed class NotRedeemableReasonTests_Postgres(TablePostgresPortal portal) : NotRedeemableReasonTests(portal), IClassFixture<TablePostgresPortal>;
