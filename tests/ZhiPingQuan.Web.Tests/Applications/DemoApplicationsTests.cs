using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reviews;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.SummaryTables;
using static ZhiPingQuan.Web.Tests.Applications.ApplicationArrange;

namespace ZhiPingQuan.Web.Tests.Applications;

/// <summary>The demo (<c>Demo:Tables</c>, today's clock): the pilot's applications in every state, and each role's work waiting for it.</summary>
public abstract class DemoApplicationsTests(DemoTablesPortal portal)
{
    [Fact]
    public async Task The_pilot_has_an_application_in_every_state_with_real_files_and_an_extended_deadline()
    {
        var applications = await portal.WithDbAsync(db => db.QuotaApplications.AsNoTracking().Include(a => a.Evidence)
            .Include(a => a.SupplementRequests).ThenInclude(r => r.Changes).AsSplitQuery().ToListAsync());
        Assert.Equal(Enum.GetValues<QuotaApplicationState>().Order(), applications.Select(a => a.State).Distinct().Order());
        var pilot = await portal.WithDbAsync(db => db.Batches.Include(b => b.ProgrammeYear).FirstAsync(b => b.ProgrammeYear!.Year == 2023 && b.Name == "第一批"));
        Assert.Equal(new DateOnly(2023, 11, 15), pilot.OriginalDeadline);
        Assert.True(pilot.Deadline >= DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));

        var enterpriseA = await portal.WithDbAsync(db => db.Enterprises.FirstAsync(e => e.Name == DemoDataSeeder.EnterpriseAName));
        var returned = Assert.Single(applications, a => a.EnterpriseId == enterpriseA.Id);
        Assert.Equal(QuotaApplicationState.ReturnedForSupplement, returned.State);
        Assert.True(returned.OpenSupplementRequest!.DueDate >= DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        var revised = Assert.Single(applications, a => a.State == QuotaApplicationState.Resubmitted);
        Assert.Contains(revised.SupplementRequests.Single().Changes, c => c.Kind == ContentChangeKind.FileReplaced);
        Assert.All(applications.Where(a => a.SubmittedAtUtc is not null), a => Assert.Equal(CheckOutcome.Passed, a.ReportCheckOutcome));

        // Every evidence file and report is in the file store and opens.
        var ids = applications.SelectMany(a => a.Evidence.Select(e => e.FileId).Append(a.ReportFileId)).Distinct().ToList();
        var stored = await portal.WithDbAsync(db => db.StoredFiles.Where(f => ids.Contains(f.Id)).ToListAsync());
        Assert.Equal(ids.Count, stored.Count);
        Assert.All(stored, f => Assert.True(File.Exists(Path.Combine(portal.StorageRoot, f.StorageKey)), f.OriginalFileName));
    }

    [Fact]
    public async Task Each_role_finds_its_applications_work_on_its_home_page()
    {
        var a = Text(await (await portal.SignedInAsync("enterprise.a@zpq.local")).GetStringAsync("/"));
        Assert.Matches("被退回补正、待重新提交的额度申请 补正截止 \\d{4}年\\d+月\\d+日（还剩 \\d+ 天） 1", a);
        // The pilot's 第一批 is open again (extended for its applications): its deadline is listed beside the current year's;
        // the pilot's closed 第二批 is not.
        var pilot = await portal.WithDbAsync(db => db.Batches.FirstAsync(b => b.ProgrammeYear!.Year == 2023 && b.Name == "第一批"));
        Assert.Contains($"2023 年 第一批：{ShanghaiTime.FormatDate(pilot.Deadline)}（当日24:00截止）", a);
        Assert.DoesNotContain("2023 年 第二批", a);
        var b = Text(await (await portal.SignedInAsync("enterprise.b@zpq.local")).GetStringAsync("/"));
        Assert.Contains("待提交的额度申请（草稿） 1", b);
        var thirdParty = Text(await (await portal.SignedInAsync(ThirdParty)).GetStringAsync("/"));
        Assert.Contains("待审核的额度申请（新提交或已补正） 其中1份为补正后重新提交（已补正） 2", thirdParty);
        Assert.Contains("审核中、待作出结论的额度申请 1", thirdParty);
        var queue = Text(await (await portal.SignedInAsync(ThirdParty)).GetStringAsync("/Reviews?warnings=true"));
        Assert.Contains("改造合同金额超过20万元", queue);
    }

    [Fact]
    public async Task The_returned_enterprise_finds_the_unread_return_and_the_district_and_commission_read_the_queue()
    {
        var enterpriseA = await portal.SignedInAsync("enterprise.a@zpq.local");
        var unread = Text(await enterpriseA.GetStringAsync("/Notifications?unread=true"));
        Assert.Contains("额度申请被退回补正", unread);
        Assert.Contains("认定文件图片不完整", unread);

        // 浦东新区 reads its own unit's submitted applications only; the commission reads every unit's; neither decides.
        var pudong = Text(await (await portal.SignedInAsync("district.pudong@zpq.local")).GetStringAsync("/Reviews"));
        Assert.Contains("上海金桥新能源汽车部件有限公司", pudong);
        Assert.Contains("上海外高桥生物医药股份有限公司", pudong);
        Assert.DoesNotContain("上海紫竹新材料科技有限公司", pudong);
        Assert.DoesNotContain("批量审核通过", pudong);
        var commission = Text(await (await portal.SignedInAsync("commission@zpq.local")).GetStringAsync("/Reviews"));
        Assert.Contains("上海紫竹新材料科技有限公司", commission);
        Assert.Contains("上海金桥新能源汽车部件有限公司", commission);
        // A draft is the enterprise's alone.
        Assert.DoesNotContain(DemoDataSeeder.EnterpriseBName, commission);
    }
}

[Collection("sqlite")]
public sealed class DemoApplicationsTests_Sqlite(DemoTablesSqlitePortal portal) : DemoApplicationsTests(portal), IClassFixture<DemoTablesSqlitePortal>;

[Collection("postgres")]
public sealed class DemoApplicationsTests_Postgres(DemoTablesPostgresPortal portal) : DemoApplicationsTests(portal), IClassFixture<DemoTablesPostgresPortal>;
