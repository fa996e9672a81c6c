using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Enterprises.RegistryData;

namespace ZhiPingQuan.Web.Tests.Enterprises;

/// <summary>The district's enterprise registry: registering and editing its own unit's enterprises, the list and its export.</summary>
public abstract class EnterpriseRegistryTests(PortalFactory portal)
{
    private static Dictionary<string, string> Fields(string name, string code, string industry = "HighEndEquipment", string output = "12345.67") => new()
    {
        ["Name"] = name,
        ["CreditCode"] = code,
        ["Industry"] = industry,
        ["AnnualOutputWanYuan"] = output,
        ["Address"] = "上海市浦东新区测试路1号",
        ["ContactName"] = "张三",
        ["ContactPhone"] = "021-5555 1234",
        ["ContactEmail"] = "zhang@example.com",
    };

    private Task<Enterprise?> ByNameAsync(string name) =>
        portal.WithDbAsync(db => db.Organisations.OfType<Enterprise>().AsNoTracking().FirstOrDefaultAsync(e => e.Name == name));

    [Fact]
    public async Task District_registers_an_enterprise_in_its_own_unit_with_the_code_normalised()
    {
        var client = await portal.SignedInAsync(PudongDistrict);
        var name = "上海登记测试有限公司" + Tag();
        var code = NewCode();
        // Full-width, lower case and spaces, as people paste it.
        var typed = " " + string.Concat(code.ToLowerInvariant().Select(c => (char)(c + 0xFEE0))) + " ";
        var fields = Fields(name, typed);
        fields["Tags"] = "人工智能";
        // A forged unit field is ignored: the unit is the signed-in district's own.
        fields["RecommendingUnitId"] = (await UnitIdAsync(portal, Minhang)).ToString();
        var audits = await AuditCountAsync(portal, AuditAction.EnterpriseRegistered);

        var response = await client.PostFormAsync("/Enterprises/Create", "/Enterprises/Create", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await ByNameAsync(name);
        Assert.NotNull(saved);
        Assert.Equal($"/Enterprises/Details/{saved.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(code, saved.CreditCode.Value);
        Assert.Equal(await UnitIdAsync(portal, Pudong), saved.RecommendingUnitId);
        Assert.Equal(KeyIndustry.HighEndEquipment, saved.Industry);
        Assert.Equal("人工智能", saved.IndustryTags);
        Assert.Equal(12345.67m, saved.AnnualOutputWanYuan);
        Assert.Equal("zhang@example.com", saved.ContactEmail);
        Assert.Equal(audits + 1, await AuditCountAsync(portal, AuditAction.EnterpriseRegistered));

        var details = await (await client.GetAsync(response.Headers.Location!.OriginalString)).BodyAsync();
        Assert.Contains(code, details);
        Assert.Contains("尚未被推荐", details);
    }

    [Theory]
    [InlineData("")]
    [InlineData("91310115MA1H7A2B5")]
    [InlineData("91310115MA1H7A2BIJ")]
    [InlineData("91310115MA1H7A2B51")]
    public async Task Each_credit_code_problem_is_shown_as_CreditCode_says_and_nothing_is_written(string input)
    {
        Assert.False(CreditCode.TryParse(input, out _, out var expected));
        var client = await portal.SignedInAsync(PudongDistrict);
        var name = "上海代码错误测试有限公司" + Tag();
        var before = await EnterpriseCountAsync(portal);

        var response = await client.PostFormAsync("/Enterprises/Create", "/Enterprises/Create", Fields(name, input));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected!, await response.BodyAsync());
        Assert.Equal(before, await EnterpriseCountAsync(portal));
        Assert.Null(await ByNameAsync(name));
    }

    [Fact]
    public async Task A_legacy_code_registered_by_Admin_as_an_exception_is_accepted()
    {
        var valid = NewCode();
        var legacy = valid[..17] + CreditCode.Alphabet[(CreditCode.Alphabet.IndexOf(valid[17]) + 1) % 31];
        Assert.False(CreditCode.TryParse(legacy, out _, out _));
        await portal.WithDbAsync(async db =>
        {
            db.CreditCodeExceptions.Add(new CreditCodeException(legacy, "历史遗留代码，经核实有效", "平台管理员", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var client = await portal.SignedInAsync(PudongDistrict);
        var name = "上海例外代码测试有限公司" + Tag();

        var response = await client.PostFormAsync("/Enterprises/Create", "/Enterprises/Create", Fields(name, legacy.ToLowerInvariant()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(legacy, (await ByNameAsync(name))!.CreditCode.Value);
    }

    [Fact]
    public async Task A_code_registered_anywhere_in_the_city_names_the_holding_unit_only_and_nothing_is_written()
    {
        var other = await EnterpriseAsync(portal, Minhang, "上海闵行持有代码有限公司" + Tag());
        var client = await portal.SignedInAsync(PudongDistrict);
        var name = "上海重复代码测试有限公司" + Tag();
        var before = await EnterpriseCountAsync(portal);
        var audits = await AuditCountAsync(portal, AuditAction.EnterpriseRegistered);

        var response = await client.PostFormAsync("/Enterprises/Create", "/Enterprises/Create",
            Fields(name, other.CreditCode.Value.ToLowerInvariant()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.BodyAsync();
        Assert.Contains("该统一社会信用代码已由闵行区登记。", html);
        Assert.DoesNotContain(other.Name, html);
        Assert.Equal(before, await EnterpriseCountAsync(portal));
        Assert.Equal(audits, await AuditCountAsync(portal, AuditAction.EnterpriseRegistered));
    }

    [Fact]
    public async Task Missing_industry_and_bad_output_values_are_refused_in_Chinese_and_nothing_is_written()
    {
        var client = await portal.SignedInAsync(PudongDistrict);
        var before = await EnterpriseCountAsync(portal);
        foreach (var (industry, output, message) in new[]
        {
            ("", "100", "请选择所属行业（六大重点产业之一）。"),
            ("Automotive", "-1", "年产值不能为负数。"),
            ("Automotive", "100.123", "年产值（万元）最多保留两位小数，当前为100.123。"),
            ("Automotive", "", "请填写年产值（万元）。"),
            ("Automotive", "很多", "“很多”不是有效的年产值（万元）。"),
        })
        {
            var response = await client.PostFormAsync("/Enterprises/Create", "/Enterprises/Create",
                Fields("上海字段错误测试有限公司" + Tag(), NewCode(), industry, output));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, await response.BodyAsync());
        }
        var bad = Fields("上海邮箱错误测试有限公司" + Tag(), NewCode());
        bad["ContactEmail"] = "not-an-email";
        Assert.Contains("电子邮箱“not-an-email”格式不正确。", await (await client.PostFormAsync("/Enterprises/Create", "/Enterprises/Create", bad)).BodyAsync());
        Assert.Equal(before, await EnterpriseCountAsync(portal));
    }

    [Fact]
    public async Task District_edits_its_enterprise_and_the_change_is_audited()
    {
        var enterprise = await EnterpriseAsync(portal, Pudong, "上海编辑前有限公司" + Tag());
        var client = await portal.SignedInAsync(PudongDistrict);
        var url = $"/Enterprises/Edit/{enterprise.Id}";
        var version = await VersionOnPageAsync(client, url);
        var newName = "上海编辑后有限公司" + Tag();
        var fields = Fields(newName, enterprise.CreditCode.Value, "LifeHealth", "20000.5");
        fields["Version"] = version;
        var audits = await AuditCountAsync(portal, AuditAction.EnterpriseChanged);

        var response = await client.PostFormAsync(url, url, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await FindEnterpriseAsync(portal, enterprise.Id);
        Assert.Equal(newName, saved!.Name);
        Assert.Equal(KeyIndustry.LifeHealth, saved.Industry);
        Assert.Equal(20000.50m, saved.AnnualOutputWanYuan);
        Assert.NotEqual(Guid.Parse(version), saved.Version);
        Assert.Equal(audits + 1, await AuditCountAsync(portal, AuditAction.EnterpriseChanged));
    }

    [Fact]
    public async Task Editing_to_another_units_code_names_that_unit_and_changes_nothing()
    {
        var mine = await EnterpriseAsync(portal, Pudong, "上海改代码测试有限公司" + Tag());
        var theirs = await EnterpriseAsync(portal, Minhang, "上海闵行另一家有限公司" + Tag());
        var client = await portal.SignedInAsync(PudongDistrict);
        var url = $"/Enterprises/Edit/{mine.Id}";
        var fields = Fields(mine.Name + "改", theirs.CreditCode.Value);
        fields["Version"] = await VersionOnPageAsync(client, url);

        var response = await client.PostFormAsync(url, url, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该统一社会信用代码已由闵行区登记。", await response.BodyAsync());
        var unchanged = await FindEnterpriseAsync(portal, mine.Id);
        Assert.Equal(mine.Name, unchanged!.Name);
        Assert.Equal(mine.CreditCode, unchanged.CreditCode);
        Assert.Equal(mine.Version, unchanged.Version);
    }

    [Fact]
    public async Task Two_edits_of_the_same_form_at_once_the_second_is_told_and_changes_nothing()
    {
        var enterprise = await EnterpriseAsync(portal, Pudong, "上海并发编辑有限公司" + Tag());
        var first = await portal.SignedInAsync(PudongDistrict);
        var second = await portal.SignedInAsync(PudongDistrict);
        var url = $"/Enterprises/Edit/{enterprise.Id}";
        var firstVersion = await VersionOnPageAsync(first, url);
        var secondVersion = await VersionOnPageAsync(second, url);
        Assert.Equal(firstVersion, secondVersion);

        var a = Fields(enterprise.Name + "甲", enterprise.CreditCode.Value, output: "11111.11");
        a["Version"] = firstVersion;
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync(url, url, a)).StatusCode);

        var b = Fields(enterprise.Name + "乙", enterprise.CreditCode.Value, output: "22222.22");
        b["Version"] = secondVersion;
        var audits = await AuditCountAsync(portal, AuditAction.EnterpriseChanged);
        var response = await second.PostFormAsync(url, url, b);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("该记录已被他人修改", await response.BodyAsync());
        var saved = await FindEnterpriseAsync(portal, enterprise.Id);
        Assert.Equal(enterprise.Name + "甲", saved!.Name);
        Assert.Equal(11111.11m, saved.AnnualOutputWanYuan);
        Assert.Equal(audits, await AuditCountAsync(portal, AuditAction.EnterpriseChanged));
    }

    [Fact]
    public async Task Another_districts_enterprise_answers_404_on_details_edit_and_edit_post_and_nothing_changes()
    {
        var pudong = await EnterpriseAsync(portal, Pudong, "上海浦东跨区测试有限公司" + Tag());
        var minhang = await portal.SignedInAsync(MinhangDistrict);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/Enterprises/Details/{pudong.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/Enterprises/Edit/{pudong.Id}")).StatusCode);

        var fields = Fields("被改名", pudong.CreditCode.Value);
        fields["Version"] = pudong.Version.ToString();
        // The token comes from a page the user may open; the post targets the other unit's record.
        var response = await minhang.PostFormAsync("/Enterprises/Create", $"/Enterprises/Edit/{pudong.Id}", fields);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(pudong.Name, await response.BodyAsync());
        var unchanged = await FindEnterpriseAsync(portal, pudong.Id);
        Assert.Equal(pudong.Name, unchanged!.Name);
        Assert.Equal(pudong.Version, unchanged.Version);
    }

    [Fact]
    public async Task Commission_reads_every_units_enterprises_but_cannot_register_or_edit()
    {
        var tag = Tag();
        var a = await EnterpriseAsync(portal, Pudong, $"上海浦东只读{tag}有限公司");
        var b = await EnterpriseAsync(portal, Minhang, $"上海闵行只读{tag}有限公司");
        var commission = await portal.SignedInAsync("commission@zpq.local");

        var list = await (await commission.GetAsync($"/Enterprises?q={tag}")).BodyAsync();
        Assert.Contains(a.Name, list);
        Assert.Contains(b.Name, list);
        Assert.DoesNotContain("登记企业", list);
        Assert.Equal(HttpStatusCode.OK, (await commission.GetAsync($"/Enterprises/Details/{b.Id}")).StatusCode);
        var edit = await commission.GetAsync($"/Enterprises/Edit/{b.Id}");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Contains("/Account/AccessDenied", edit.Headers.Location!.ToString());
        Assert.Contains("/Account/AccessDenied", (await commission.GetAsync("/Enterprises/Create")).Headers.Location!.ToString());
    }

    [Fact]
    public async Task An_enterprise_user_lists_only_itself()
    {
        var other = await EnterpriseAsync(portal, Pudong, "上海同区别家有限公司" + Tag());
        var client = await portal.SignedInAsync("enterprise.a@zpq.local");
        var list = await (await client.GetAsync("/Enterprises")).BodyAsync();
        Assert.Contains(DemoDataSeeder.EnterpriseAName, list);
        Assert.DoesNotContain(other.Name, list);
        Assert.DoesNotContain(DemoDataSeeder.EnterpriseBName, list);
        Assert.Contains("共 1 条", list);
    }

    [Fact]
    public async Task Search_filters_and_paging_narrow_the_list()
    {
        var tag = Tag();
        var made = new List<Enterprise>();
        for (var i = 0; i < 23; i++)
        {
            var industry = i % 3 == 0 ? KeyIndustry.Automotive : KeyIndustry.AdvancedMaterials;
            made.Add(await EnterpriseAsync(portal, Pudong, $"上海筛选{tag}第{i:00}号有限公司", 1000m * (i + 1), industry));
        }
        var batch = await BatchAsync(portal, CurrentYear, "第一批");
        await RecommendAsync(portal, made[20].Id, batch.Id, DateTime.UtcNow);
        await RecommendAsync(portal, made[21].Id, batch.Id, DateTime.UtcNow);
        var client = await portal.SignedInAsync(PudongDistrict);

        async Task<string> Page(string query) => await (await client.GetAsync("/Enterprises?" + query)).BodyAsync();

        var first = await Page($"q={tag}");
        Assert.Contains("共 23 条，第 1 / 2 页", first);
        Assert.Contains(made[0].Name, first);
        Assert.DoesNotContain(made[22].Name, first);
        var second = await Page($"q={tag}&page=2");
        Assert.Contains("第 2 / 2 页", second);
        Assert.Contains(made[22].Name, second);

        Assert.Contains("共 8 条", await Page($"q={tag}&industry=Automotive"));
        // 5 000 … 9 000 万元: enterprises 5 to 9.
        var range = await Page($"q={tag}&minOutput=5000&maxOutput=9000.00");
        Assert.Contains("共 5 条", range);
        Assert.Contains(made[4].Name, range);
        Assert.DoesNotContain(made[9].Name, range);
        // Decimal comparison, not text: 10 000 is above 9 000.
        Assert.Contains("共 14 条", await Page($"q={tag}&minOutput=10000"));

        var recommended = await Page($"q={tag}&recommended=true");
        Assert.Contains("共 2 条", recommended);
        Assert.Contains(made[20].Name, recommended);
        Assert.Contains("共 21 条", await Page($"q={tag}&recommended=false"));

        var byCode = await Page("q=" + made[7].CreditCode.Value.ToLowerInvariant());
        Assert.Contains("共 1 条", byCode);
        Assert.Contains(made[7].Name, byCode);
    }

    [Fact]
    public async Task Export_writes_the_filtered_list_to_xlsx_with_text_kept_as_text()
    {
        var tag = Tag();
        var plain = await EnterpriseAsync(portal, Pudong, $"上海导出{tag}有限公司", 12345.67m, KeyIndustry.Automotive);
        var formulaLike = await EnterpriseAsync(portal, Pudong, $"=HYPERLINK(\"http://x\",\"{tag}\")", 20000m, KeyIndustry.Automotive);
        await EnterpriseAsync(portal, Pudong, $"上海导出{tag}其他行业有限公司", 30000m, KeyIndustry.LifeHealth);
        await EnterpriseAsync(portal, Minhang, $"上海闵行导出{tag}有限公司", 30000m, KeyIndustry.Automotive);
        var client = await portal.SignedInAsync(PudongDistrict);

        var response = await client.GetAsync($"/Enterprises/Export?q={tag}&industry=Automotive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet(1);
        Assert.Equal("企业名称", sheet.Cell(1, 2).GetString());
        Assert.Equal("统一社会信用代码", sheet.Cell(1, 3).GetString());
        var rows = sheet.RowsUsed().Skip(1).ToList();
        Assert.Equal(2, rows.Count);
        var names = rows.Select(r => r.Cell(2).GetString()).ToList();
        Assert.Contains(plain.Name, names);
        Assert.Contains(formulaLike.Name, names);
        var formulaRow = rows.Single(r => r.Cell(2).GetString() == formulaLike.Name);
        Assert.False(formulaRow.Cell(2).HasFormula);
        var plainRow = rows.Single(r => r.Cell(2).GetString() == plain.Name);
        Assert.Equal(plain.CreditCode.Value, plainRow.Cell(3).GetString());
        Assert.Equal("汽车", plainRow.Cell(4).GetString());
        Assert.Equal(12345.67, plainRow.Cell(6).GetDouble(), 2);
        Assert.Equal("浦东新区", plainRow.Cell(7).GetString());
        Assert.Equal("未推荐", plainRow.Cell(12).GetString());
    }
}

[Collection("sqlite")]
public sealed class EnterpriseRegistryTests_Sqlite(SqlitePortal portal) : EnterpriseRegistryTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class EnterpriseRegistryTests_Postgres(PostgresPortal portal) : EnterpriseRegistryTests(portal), IClassFixture<PostgresPortal>;
