using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Programmes;

/// <summary>项目设置: programme years, batches and deadlines, by the commission only; every change audited.</summary>
public abstract class ProgrammesTests(PortalFactory portal)
{
    private const string Commission = "commission@zpq.local";

    private static Dictionary<string, string> YearFields(int? year, string standard, string cap = "") => new()
    {
        ["Year"] = year?.ToString() ?? "", ["StandardAmount"] = standard, ["BudgetCap"] = cap,
    };

    private Task<ProgrammeYear?> LoadYearAsync(int year) =>
        portal.WithDbAsync(db => db.ProgrammeYears.AsNoTracking().Include(y => y.Batches).FirstOrDefaultAsync(y => y.Year == year));

    private Task<Batch> LoadBatchAsync(Guid id) =>
        portal.WithDbAsync(db => db.Batches.AsNoTracking().FirstAsync(b => b.Id == id));

    [Fact]
    public async Task Commission_creates_a_year_with_standard_amount_and_cap_and_it_is_audited()
    {
        var number = await Arrange.FreeYearAsync(portal);
        var client = await portal.SignedInAsync(Commission);

        var response = await client.PostFormAsync("/Programmes/Create", "/Programmes/Create", YearFields(number, "120000.50", "2400010.00"));

        Arrange.AssertRedirect(response, "/Programmes/Details/");
        var year = await LoadYearAsync(number);
        Assert.NotNull(year);
        Assert.Equal(120_000.50m, year.StandardAmount.Yuan);
        Assert.Equal(2_400_010.00m, year.BudgetCap!.Value.Yuan);
        var audit = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.RecordId == year.Id));
        Assert.Equal(AuditAction.ProgrammeYearCreated, audit.Action);
        Assert.Contains("120,000.50 元", audit.After);

        var list = await client.GetStringAsync("/Programmes");
        Assert.Contains($"{number}年度", list);
        Assert.Contains("120,000.50 元", list);
    }

    [Fact]
    public async Task A_year_without_cap_is_allowed()
    {
        var number = await Arrange.FreeYearAsync(portal);
        var client = await portal.SignedInAsync(Commission);
        Arrange.AssertRedirect(await client.PostFormAsync("/Programmes/Create", "/Programmes/Create", YearFields(number, "80000")), "/Programmes/Details/");
        var year = await LoadYearAsync(number);
        Assert.Null(year!.BudgetCap);
        Assert.Contains("不设上限", await client.GetStringAsync($"/Programmes/Details/{year.Id}"));
    }

    [Fact]
    public async Task A_duplicate_year_is_refused_in_Chinese_and_nothing_is_written()
    {
        var client = await portal.SignedInAsync(Commission);
        var yearsBefore = await portal.WithDbAsync(db => db.ProgrammeYears.CountAsync());
        var auditsBefore = await Arrange.AuditCountAsync(portal, AuditAction.ProgrammeYearCreated);

        var response = await client.PostFormAsync("/Programmes/Create", "/Programmes/Create", YearFields(2023, "999999.00"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2023年度已存在，不能重复创建", Arrange.Errors(await response.Content.ReadAsStringAsync()));
        Assert.Equal(yearsBefore, await portal.WithDbAsync(db => db.ProgrammeYears.CountAsync()));
        Assert.Equal(100_000.00m, (await LoadYearAsync(2023))!.StandardAmount.Yuan);
        Assert.Equal(auditsBefore, await Arrange.AuditCountAsync(portal, AuditAction.ProgrammeYearCreated));
    }

    [Theory]
    [InlineData("0", "", "额定标准必须大于0")]
    [InlineData("-5", "", "额定标准必须大于0")]
    [InlineData("100.123", "", "额定标准最多保留两位小数")]
    [InlineData("abc", "", "不是有效的额定标准")]
    [InlineData("", "", "请填写额定标准")]
    [InlineData("100000", "99999.99", "预算上限不能低于额定标准")]
    [InlineData("100000", "200000.005", "预算上限最多保留两位小数")]
    public async Task Invalid_amounts_are_refused_and_nothing_is_written(string standard, string cap, string message)
    {
        var number = await Arrange.FreeYearAsync(portal);
        var client = await portal.SignedInAsync(Commission);

        var response = await client.PostFormAsync("/Programmes/Create", "/Programmes/Create", YearFields(number, standard, cap));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, Arrange.Errors(await response.Content.ReadAsStringAsync()));
        Assert.Null(await LoadYearAsync(number));
    }

    [Theory]
    [InlineData("2019")]
    [InlineData("2101")]
    [InlineData("")]
    public async Task An_implausible_or_missing_year_is_refused(string year)
    {
        var client = await portal.SignedInAsync(Commission);
        var before = await portal.WithDbAsync(db => db.ProgrammeYears.CountAsync());
        var response = await client.PostFormAsync("/Programmes/Create", "/Programmes/Create",
            new Dictionary<string, string> { ["Year"] = year, ["StandardAmount"] = "100000" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("项目年度", Arrange.Errors(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await portal.WithDbAsync(db => db.ProgrammeYears.CountAsync()));
    }

    [Fact]
    public async Task Editing_amounts_keeps_the_year_and_is_audited_with_before_and_after()
    {
        var year = await Arrange.NewYearAsync(portal);
        var client = await portal.SignedInAsync(Commission);
        var fields = YearFields(1999, "150000.00", "3000000.00");
        fields["Version"] = year.Version.ToString();

        var response = await client.PostFormAsync($"/Programmes/Edit/{year.Id}", $"/Programmes/Edit/{year.Id}", fields);

        Arrange.AssertRedirect(response, $"/Programmes/Details/{year.Id}");
        var saved = await LoadYearAsync(year.Year);
        Assert.Equal(150_000.00m, saved!.StandardAmount.Yuan);
        Assert.Equal(3_000_000.00m, saved.BudgetCap!.Value.Yuan);
        var audit = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.RecordId == year.Id && a.Action == AuditAction.ProgrammeYearAmountsChanged));
        Assert.Contains("100,000.00 元", audit.Before);
        Assert.Contains("150,000.00 元", audit.After);
    }

    [Fact]
    public async Task An_edit_made_on_a_stale_page_is_refused_with_409_and_nothing_changes()
    {
        var year = await Arrange.NewYearAsync(portal);
        var client = await portal.SignedInAsync(Commission);
        var fields = YearFields(null, "150000.00");
        fields["Version"] = Guid.NewGuid().ToString();

        var response = await client.PostFormAsync($"/Programmes/Edit/{year.Id}", $"/Programmes/Edit/{year.Id}", fields);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(100_000.00m, (await LoadYearAsync(year.Year))!.StandardAmount.Yuan);
        Assert.Equal(0, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == year.Id && a.Action == AuditAction.ProgrammeYearAmountsChanged)));
    }

    /// <summary>Each form that changes a year or a batch must post the version it was read at: missing or stale, it is refused.</summary>
    [Theory]
    [InlineData("Edit", null)]
    [InlineData("Edit", "stale")]
    [InlineData("RenameBatch", null)]
    [InlineData("RenameBatch", "stale")]
    [InlineData("ExtendDeadline", null)]
    [InlineData("ExtendDeadline", "stale")]
    public async Task A_change_without_the_current_version_is_refused_with_409_and_nothing_changes(string action, string? version)
    {
        var year = await Arrange.NewYearAsync(portal, ("第一批", 6, 30));
        var batch = year.Batches[0];
        var client = await portal.SignedInAsync(Commission);
        var (id, fields) = action switch
        {
            "Edit" => (year.Id, YearFields(null, "150000.00")),
            "RenameBatch" => (batch.Id, new Dictionary<string, string> { ["Name"] = "第一批（改）" }),
            _ => (batch.Id, new Dictionary<string, string> { ["NewDeadline"] = $"{year.Year}-07-31", ["Reason"] = "部分区申请延期" }),
        };
        if (version is not null)
        {
            fields["Version"] = Guid.NewGuid().ToString();
        }
        var auditsBefore = await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == year.Id || a.RecordId == batch.Id));

        var response = await client.PostFormAsync($"/Programmes/{action}/{id}", $"/Programmes/{action}/{id}", fields);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("已被他人修改", await response.Content.ReadAsStringAsync());
        var savedYear = (await LoadYearAsync(year.Year))!;
        Assert.Equal((100_000.00m, year.Version), (savedYear.StandardAmount.Yuan, savedYear.Version));
        var savedBatch = await LoadBatchAsync(batch.Id);
        Assert.Equal(("第一批", new DateOnly(year.Year, 6, 30), batch.Version), (savedBatch.Name, savedBatch.Deadline, savedBatch.Version));
        Assert.Empty(savedBatch.DeadlineExtensions);
        Assert.Equal(auditsBefore, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == year.Id || a.RecordId == batch.Id)));
    }

    [Fact]
    public async Task Saving_unchanged_amounts_or_name_writes_no_line()
    {
        var year = await Arrange.NewYearAsync(portal, ("第一批", 6, 30));
        var batch = year.Batches[0];
        var client = await portal.SignedInAsync(Commission);
        var auditsBefore = await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == year.Id || a.RecordId == batch.Id));

        var fields = YearFields(null, "100000.00", "5000000.00");
        fields["Version"] = year.Version.ToString();
        Arrange.AssertRedirect(await client.PostFormAsync($"/Programmes/Edit/{year.Id}", $"/Programmes/Edit/{year.Id}", fields), $"/Programmes/Details/{year.Id}");
        Arrange.AssertRedirect(await client.PostFormAsync($"/Programmes/RenameBatch/{batch.Id}", $"/Programmes/RenameBatch/{batch.Id}",
            new Dictionary<string, string> { ["Name"] = " 第一批 ", ["Version"] = batch.Version.ToString() }), $"/Programmes/Details/{year.Id}");

        Assert.Equal(auditsBefore, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == year.Id || a.RecordId == batch.Id)));
        Assert.Equal(year.Version, (await LoadYearAsync(year.Year))!.Version);
    }

    [Fact]
    public async Task Creating_a_year_and_adding_a_batch_write_one_line_each_in_the_commissioners_name()
    {
        var number = await Arrange.FreeYearAsync(portal);
        var client = await portal.SignedInAsync(Commission);
        Arrange.AssertRedirect(await client.PostFormAsync("/Programmes/Create", "/Programmes/Create", YearFields(number, "100000")), "/Programmes/Details/");
        var year = (await LoadYearAsync(number))!;
        Arrange.AssertRedirect(await client.PostFormAsync($"/Programmes/AddBatch/{year.Id}", $"/Programmes/AddBatch/{year.Id}",
            new Dictionary<string, string> { ["Name"] = "第一批", ["Deadline"] = $"{number}-03-31" }), $"/Programmes/Details/{year.Id}");
        var batch = (await LoadYearAsync(number))!.Batches.Single();

        var lines = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == year.Id || a.RecordId == batch.Id).ToListAsync());
        Assert.Equal([AuditAction.ProgrammeYearCreated, AuditAction.BatchAdded], lines.Select(a => a.Action).Order());
        Assert.All(lines, a => Assert.Equal("上海市经济和信息化委员会", a.OrganisationName));
        var added = lines.Single(a => a.Action == AuditAction.BatchAdded);
        Assert.Equal((nameof(Batch), $"第一批，{number}年3月31日（当日24:00截止）", $"{number}年度"), (added.RecordType, added.After, added.Detail));
    }

    [Fact]
    public async Task Adding_a_batch_shows_its_end_of_day_deadline_and_days_left()
    {
        var year = await Arrange.NewYearAsync(portal);
        var client = await portal.SignedInAsync(Commission);
        var deadline = new DateOnly(year.Year, 3, 31);

        var response = await client.PostFormAsync($"/Programmes/AddBatch/{year.Id}", $"/Programmes/AddBatch/{year.Id}",
            new Dictionary<string, string> { ["Name"] = " 第一批 ", ["Deadline"] = deadline.ToString("yyyy-MM-dd") });

        Arrange.AssertRedirect(response, $"/Programmes/Details/{year.Id}");
        var batch = (await LoadYearAsync(year.Year))!.Batches.Single();
        Assert.Equal("第一批", batch.Name);
        Assert.Equal(deadline, batch.Deadline);
        Assert.Equal(1, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == batch.Id && a.Action == AuditAction.BatchAdded)));

        var html = await client.GetStringAsync($"/Programmes/Details/{year.Id}");
        Assert.Contains($"{year.Year}年3月31日（当日24:00截止）", html);
        Assert.Contains($"还剩 {deadline.DayNumber - Pilot2023Portal.Today.DayNumber} 天", html);
    }

    /// <summary>The batch's "recommended" count is the programme's rule (<see cref="RecommendationRules.CountsForProgramme"/>): no drafts, no withdrawals, no district-funded-only records.</summary>
    [Fact]
    public async Task A_batch_counts_only_its_recommended_municipal_enterprises()
    {
        var year = await Arrange.NewYearAsync(portal, ("第一批", 6, 30));
        await using (var scope = portal.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var unitId = await db.RecommendingUnits.Where(u => u.Name == "浦东新区").Select(u => u.Id).FirstAsync();
            var batch = await db.Batches.Include(b => b.ProgrammeYear).FirstAsync(b => b.Id == year.Batches[0].Id);
            Recommendation Recommended(bool districtFundedOnly, bool recommend = true)
            {
                var enterprise = new Enterprise($"计数测试企业{Arrange.Tag()}有限公司", Arrange.NewCreditCode(), KeyIndustry.Automotive, 20_000m, unitId);
                db.Organisations.Add(enterprise);
                var r = new Recommendation(enterprise, batch, "测试推荐人", Pilot2023Portal.Now);
                r.SetContent([new RecommendationBasisStatement(RecommendationBasis.Voluntary, "企业自愿评估")], [], districtFundedOnly, enterprise);
                if (recommend)
                {
                    r.Recommend(enterprise, batch, "测试推荐人", Pilot2023Portal.Now);
                }
                db.Recommendations.Add(r);
                return r;
            }
            Recommended(districtFundedOnly: false);
            Recommended(districtFundedOnly: true);
            Recommended(districtFundedOnly: false, recommend: false);
            Recommended(districtFundedOnly: false).Withdraw("企业放弃", "测试推荐人", Pilot2023Portal.Now, assessmentAssigned: false);
            await db.SaveChangesAsync();
        }

        var html = await (await portal.SignedInAsync(Commission)).GetStringAsync($"/Programmes/Details/{year.Id}");

        Assert.Matches("市级推荐企业：<a [^>]*>1 家</a>", html);
    }

    [Fact]
    public async Task The_2023_batches_count_down_from_the_fixed_clock()
    {
        var client = await portal.SignedInAsync(Commission);
        var html = await client.GetStringAsync("/Programmes");
        Assert.Contains("2023年11月15日（当日24:00截止）", html);
        Assert.Contains("还剩 26 天", html);
        Assert.Contains("2023年12月15日（当日24:00截止）", html);
    }

    [Theory]
    [InlineData("", "2040-03-31", "请填写批次名称")]
    [InlineData("第一批", "", "请填写截止日期")]
    [InlineData("第一批", "2023-10-19", "截止日期不能早于今天")]
    [InlineData("第一批", "2099-01-01", "截止日期应在")]
    [InlineData("已有批次", "2040-03-31", "已有批次“已有批次”")]
    public async Task A_bad_batch_is_refused_and_nothing_is_written(string name, string deadline, string message)
    {
        var year = await Arrange.NewYearAsync(portal, ("已有批次", 6, 30));
        var client = await portal.SignedInAsync(Commission);

        var response = await client.PostFormAsync($"/Programmes/AddBatch/{year.Id}", $"/Programmes/AddBatch/{year.Id}",
            new Dictionary<string, string> { ["Name"] = name, ["Deadline"] = deadline.Replace("2040", year.Year.ToString()) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, Arrange.Errors(await response.Content.ReadAsStringAsync()));
        Assert.Single((await LoadYearAsync(year.Year))!.Batches);
    }

    [Fact]
    public async Task Renaming_a_batch_never_touches_its_deadline_even_if_the_form_carries_one()
    {
        var year = await Arrange.NewYearAsync(portal, ("第一批", 6, 30));
        var batch = year.Batches[0];
        var client = await portal.SignedInAsync(Commission);

        var response = await client.PostFormAsync($"/Programmes/RenameBatch/{batch.Id}", $"/Programmes/RenameBatch/{batch.Id}",
            new Dictionary<string, string>
            {
                ["Name"] = "第一批（先行）", ["Version"] = batch.Version.ToString(),
                ["Deadline"] = $"{year.Year}-01-01", ["Id"] = Guid.NewGuid().ToString(),
            });

        Arrange.AssertRedirect(response, $"/Programmes/Details/{year.Id}");
        var saved = await LoadBatchAsync(batch.Id);
        Assert.Equal("第一批（先行）", saved.Name);
        Assert.Equal(new DateOnly(year.Year, 6, 30), saved.Deadline);
        Assert.Empty(saved.DeadlineExtensions);
        var audit = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.RecordId == batch.Id && a.Action == AuditAction.BatchRenamed));
        Assert.Equal((AuditAction.BatchRenamed, "第一批", "第一批（先行）"), (audit.Action, audit.Before, audit.After));
    }

    [Fact]
    public async Task Renaming_to_a_sibling_batchs_name_is_refused()
    {
        var year = await Arrange.NewYearAsync(portal, ("第一批", 6, 30), ("第二批", 9, 30));
        var first = year.Batches[0];
        var client = await portal.SignedInAsync(Commission);

        var response = await client.PostFormAsync($"/Programmes/RenameBatch/{first.Id}", $"/Programmes/RenameBatch/{first.Id}",
            new Dictionary<string, string> { ["Name"] = "第二批", ["Version"] = first.Version.ToString() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{year.Year}年度已有批次“第二批”", Arrange.Errors(await response.Content.ReadAsStringAsync()));
        Assert.Equal("第一批", (await LoadBatchAsync(first.Id)).Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Extending_a_deadline_without_a_reason_is_refused_and_nothing_is_written(string reason)
    {
        var year = await Arrange.NewYearAsync(portal, ("第一批", 6, 30));
        var batch = year.Batches[0];
        var client = await portal.SignedInAsync(Commission);

        var response = await client.PostFormAsync($"/Programmes/ExtendDeadline/{batch.Id}", $"/Programmes/ExtendDeadline/{batch.Id}",
            new Dictionary<string, string> { ["NewDeadline"] = $"{year.Year}-07-31", ["Reason"] = reason, ["Version"] = batch.Version.ToString() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("延长截止日期必须填写原因", Arrange.Errors(await response.Content.ReadAsStringAsync()));
        var saved = await LoadBatchAsync(batch.Id);
        Assert.Equal(new DateOnly(year.Year, 6, 30), saved.Deadline);
        Assert.Empty(saved.DeadlineExtensions);
        Assert.Equal(0, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == batch.Id && a.Action == AuditAction.DeadlineExtended)));
    }

    [Fact]
    public async Task Extending_a_deadline_is_recorded_on_the_batch_and_in_the_audit_trail_and_shown_as_history()
    {
        var year = await Arrange.NewYearAsync(portal, ("第一批", 6, 30));
        var batch = year.Batches[0];
        var client = await portal.SignedInAsync(Commission);

        var response = await client.PostFormAsync($"/Programmes/ExtendDeadline/{batch.Id}", $"/Programmes/ExtendDeadline/{batch.Id}",
            new Dictionary<string, string> { ["NewDeadline"] = $"{year.Year}-07-31", ["Reason"] = " 部分区申请延期，经研究同意 ", ["Version"] = batch.Version.ToString() });

        Arrange.AssertRedirect(response, $"/Programmes/Details/{year.Id}");
        var saved = await LoadBatchAsync(batch.Id);
        Assert.Equal(new DateOnly(year.Year, 7, 31), saved.Deadline);
        var extension = Assert.Single(saved.DeadlineExtensions);
        Assert.Equal(new DateOnly(year.Year, 6, 30), extension.OldDeadline);
        Assert.Equal(new DateOnly(year.Year, 7, 31), extension.NewDeadline);
        Assert.Equal("部分区申请延期，经研究同意", extension.Reason);
        Assert.False(string.IsNullOrWhiteSpace(extension.ByUserName));
        Assert.Equal(Pilot2023Portal.Now, extension.AtUtc);

        var audit = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.RecordId == batch.Id && a.Action == AuditAction.DeadlineExtended));
        Assert.Equal(AuditAction.DeadlineExtended, audit.Action);
        Assert.Equal($"{year.Year}年6月30日（当日24:00截止）", audit.Before);
        Assert.Equal($"{year.Year}年7月31日（当日24:00截止）", audit.After);
        Assert.Contains("部分区申请延期", audit.Detail);

        var details = await client.GetStringAsync($"/Programmes/Details/{year.Id}");
        Assert.Contains("延期记录", details);
        Assert.Contains("部分区申请延期，经研究同意", details);
        Assert.Contains(extension.ByUserName, details);
        Assert.Contains("2023-10-20 10:00", details);
        Assert.Contains($"原截止日期：{year.Year}年6月30日", details);
    }

    /// <summary>The rule chosen: once published, a deadline is never brought forward (not even with a reason).</summary>
    [Theory]
    [InlineData(6, 30)]
    [InlineData(5, 31)]
    public async Task A_deadline_is_never_moved_earlier_or_to_the_same_day(int month, int day)
    {
        var year = await Arrange.NewYearAsync(portal, ("第一批", 6, 30));
        var batch = year.Batches[0];
        var client = await portal.SignedInAsync(Commission);

        var response = await client.PostFormAsync($"/Programmes/ExtendDeadline/{batch.Id}", $"/Programmes/ExtendDeadline/{batch.Id}",
            new Dictionary<string, string>
            {
                ["NewDeadline"] = new DateOnly(year.Year, month, day).ToString("yyyy-MM-dd"), ["Reason"] = "提前结束", ["Version"] = batch.Version.ToString(),
            });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"必须晚于当前截止日期（{year.Year}年6月30日）", Arrange.Errors(await response.Content.ReadAsStringAsync()));
        var saved = await LoadBatchAsync(batch.Id);
        Assert.Equal(new DateOnly(year.Year, 6, 30), saved.Deadline);
        Assert.Empty(saved.DeadlineExtensions);
        Assert.Equal(0, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == batch.Id && a.Action == AuditAction.DeadlineExtended)));
    }

    [Fact]
    public async Task Extending_to_a_day_already_past_is_refused()
    {
        var batch = await portal.WithDbAsync(db => db.Batches.AsNoTracking().FirstAsync(b => b.ProgrammeYear!.Year == 2023 && b.Name == "第一批"));
        var client = await portal.SignedInAsync(Commission);
        var response = await client.PostFormAsync($"/Programmes/ExtendDeadline/{batch.Id}", $"/Programmes/ExtendDeadline/{batch.Id}",
            new Dictionary<string, string> { ["NewDeadline"] = "2023-10-19", ["Reason"] = "误操作", ["Version"] = batch.Version.ToString() });
        Assert.Contains("新的截止日期不能早于今天", Arrange.Errors(await response.Content.ReadAsStringAsync()));
        Assert.Equal(new DateOnly(2023, 11, 15), (await LoadBatchAsync(batch.Id)).Deadline);
    }

    [Theory]
    [InlineData("district.pudong@zpq.local")]
    [InlineData("thirdparty@zpq.local")]
    [InlineData("enterprise.a@zpq.local")]
    [InlineData("agency.a@zpq.local")]
    [InlineData("admin@zpq.local")]
    public async Task Other_roles_cannot_open_or_change_programme_settings(string email)
    {
        var year = await Arrange.NewYearAsync(portal, ("第一批", 6, 30));
        var batch = year.Batches[0];
        var client = await portal.SignedInAsync(email);

        Arrange.AssertAccessDenied(await client.GetAsync("/Programmes"));
        Arrange.AssertAccessDenied(await client.GetAsync($"/Programmes/ExtendDeadline/{batch.Id}"));
        // The home page carries an antiforgery token (sign-out form): post with it as a forger would.
        Arrange.AssertAccessDenied(await client.PostFormAsync("/", $"/Programmes/ExtendDeadline/{batch.Id}",
            new Dictionary<string, string> { ["NewDeadline"] = $"{year.Year}-12-31", ["Reason"] = "越权", ["Version"] = batch.Version.ToString() }));
        Arrange.AssertAccessDenied(await client.PostFormAsync("/", "/Programmes/Create", YearFields(year.Year + 1, "100000")));

        var saved = await LoadBatchAsync(batch.Id);
        Assert.Equal(new DateOnly(year.Year, 6, 30), saved.Deadline);
        Assert.Empty(saved.DeadlineExtensions);
        Assert.Null(await LoadYearAsync(year.Year + 1));
    }

    [Fact]
    public async Task Unknown_years_and_batches_answer_404()
    {
        var client = await portal.SignedInAsync(Commission);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Programmes/Details/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Programmes/Edit/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Programmes/RenameBatch/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Programmes/ExtendDeadline/{Guid.NewGuid()}")).StatusCode);
        var response = await client.PostFormAsync("/Programmes", $"/Programmes/ExtendDeadline/{Guid.NewGuid()}",
            new Dictionary<string, string> { ["NewDeadline"] = "2031-01-01", ["Reason"] = "无" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

[Collection("sqlite")]
public sealed class ProgrammesTests_Sqlite(Pilot2023SqlitePortal portal) : ProgrammesTests(portal), IClassFixture<Pilot2023SqlitePortal>;

[Collection("postgres")]
public sealed class ProgrammesTests_Postgres(Pilot2023PostgresPortal portal) : ProgrammesTests(portal), IClassFixture<Pilot2023PostgresPortal>;
