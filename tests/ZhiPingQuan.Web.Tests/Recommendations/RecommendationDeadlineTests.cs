using System.Net;
using Moq;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Enterprises.RegistryData;

namespace ZhiPingQuan.Web.Tests.Recommendations;

/// <summary>
/// The portal with a clock the test moves, started in the 2023 pilot (16 November 2023, 10:00 in
/// Shanghai: 第一批 closed the day before, 第二批 open until 15 December).
/// </summary>
public abstract class MovableClockPortal : PortalFactory
{
    public static readonly DateTime Start = new(2023, 11, 16, 2, 0, 0, DateTimeKind.Utc);

    protected MovableClockPortal(DbProvider provider) : base(provider)
    {
        var clock = new Mock<IClock>();
        clock.SetupGet(c => c.UtcNow).Returns(() => Now);
        Clock = clock.Object;
    }

    public DateTime Now { get; set; } = Start;
}

public sealed class MovableClockSqlitePortal() : MovableClockPortal(DbProvider.Sqlite);

public sealed class MovableClockPostgresPortal() : MovableClockPortal(DbProvider.Postgres);

/// <summary>Deadlines are the end of the day in Asia/Shanghai, enforced on the server.</summary>
public abstract class RecommendationDeadlineTests(MovableClockPortal portal)
{
    [Fact]
    public async Task On_the_deadline_day_until_midnight_Shanghai_time_the_batch_still_takes_recommendations()
    {
        var first = await BatchAsync(portal, 2023, "第一批");
        var enterprise = await EnterpriseAsync(portal, Pudong, "上海截止当日" + Tag() + "有限公司");
        var client = await portal.SignedInAsync(PudongDistrict);
        portal.Now = new DateTime(2023, 11, 15, 15, 59, 59, DateTimeKind.Utc); // 23:59:59 in Shanghai
        try
        {
            var response = await client.PostFormAsync($"/Recommendations/Create?enterpriseId={enterprise.Id}", "/Recommendations/Create",
                RecommendationTests.Form(enterprise.Id, first.Id));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        finally
        {
            portal.Now = MovableClockPortal.Start;
        }
        var saved = Assert.Single(await RecommendationsOfAsync(portal, enterprise.Id));
        Assert.Equal(RecommendationState.Recommended, saved.State);
    }

    [Fact]
    public async Task After_the_deadline_the_batch_is_refused_naming_the_deadline_and_the_open_batch_still_works()
    {
        var first = await BatchAsync(portal, 2023, "第一批");
        var second = await BatchAsync(portal, 2023, "第二批");
        var enterprise = await EnterpriseAsync(portal, Pudong, "上海截止之后" + Tag() + "有限公司");
        var client = await portal.SignedInAsync(PudongDistrict);
        var page = $"/Recommendations/Create?enterpriseId={enterprise.Id}";
        portal.Now = new DateTime(2023, 11, 15, 16, 0, 0, DateTimeKind.Utc); // 16 November 00:00 in Shanghai
        try
        {
            var form = await (await client.GetAsync(page)).BodyAsync();
            Assert.DoesNotContain(first.Id.ToString(), form);
            Assert.Contains(second.Id.ToString(), form);

            var refused = await client.PostFormAsync(page, "/Recommendations/Create", RecommendationTests.Form(enterprise.Id, first.Id));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("2023年度第一批的截止日期为2023年11月15日（当日24:00截止），已过截止时间，不能推荐企业。如确需推荐企业，请联系市经信委延长截止日期。", await refused.BodyAsync());
            Assert.Empty(await RecommendationsOfAsync(portal, enterprise.Id));

            var accepted = await client.PostFormAsync(page, "/Recommendations/Create", RecommendationTests.Form(enterprise.Id, second.Id));
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }
        finally
        {
            portal.Now = MovableClockPortal.Start;
        }
        Assert.Equal(second.Id, Assert.Single(await RecommendationsOfAsync(portal, enterprise.Id)).BatchId);
    }
}

[Collection("sqlite")]
public sealed class RecommendationDeadlineTests_Sqlite(MovableClockSqlitePortal portal) : RecommendationDeadlineTests(portal), IClassFixture<MovableClockSqlitePortal>;

[Collection("postgres")]
public sealed class RecommendationDeadlineTests_Postgres(MovableClockPostgresPortal portal) : RecommendationDeadlineTests(portal), IClassFixture<MovableClockPostgresPortal>;
