using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Tests.Assignments;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Assignments.AssessmentArrange;

namespace ZhiPingQuan.Web.Tests.Agencies;

/// <summary>
/// 服务机构 register: the commission and Admin manage every agency; a district only the district-level
/// agencies of its own unit (a forged unit is ignored, another unit's agency answers 404). Every change
/// is audited; every refusal says why in Chinese and writes nothing.
/// </summary>
public abstract class AgenciesTests(PortalFactory portal)
{
    private const string Commission = "commission@zpq.local";
    private const string Admin = "admin@zpq.local";
    private const string PudongDistrict = "district.pudong@zpq.local";
    private const string MinhangDistrict = "district.minhang@zpq.local";

    private static Dictionary<string, string> Fields(string name, string code, string level = "Municipal", string unitId = "",
        string validFrom = "2024-01-01", string validTo = "", bool inCatalogue = false, string version = "")
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = name,
            ["Form.CreditCode"] = code,
            ["Form.Level"] = level,
            ["Form.RecommendingUnitId"] = unitId,
            ["Form.ValidFrom"] = validFrom,
            ["Form.ValidTo"] = validTo,
            ["Form.InCatalogue"] = inCatalogue ? "true" : "false",
            ["Form.ContactName"] = "王联系",
            ["Form.ContactPhone"] = "021-1234 5678",
            ["Form.ContactEmail"] = "contact@example.com",
        };
        if (version.Length > 0)
        {
            fields["Form.Version"] = version;
        }
        return fields;
    }

    private Task<ServiceAgency?> FindByNameAsync(string name) =>
        portal.WithDbAsync(db => db.ServiceAgencies.AsNoTracking().FirstOrDefaultAsync(a => a.Name == name));

    private Task<ServiceAgency> LoadAsync(Guid id) =>
        portal.WithDbAsync(db => db.ServiceAgencies.AsNoTracking().FirstAsync(a => a.Id == id));

    private Task<int> AgencyCountAsync() => portal.WithDbAsync(db => db.ServiceAgencies.CountAsync());

    private Task<int> AgencyAuditCountAsync() => portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordType == nameof(ServiceAgency)));

    [Fact]
    public async Task Commission_registers_a_municipal_agency_and_it_is_audited_and_listed_as_qualifying()
    {
        var client = await portal.SignedInAsync(Commission);
        var name = $"上海登记测试评估有限公司{Tag()}";
        var code = NewCreditCode().Value;

        var response = await client.PostFormAsync("/Agencies/Create", "/Agencies/Create", Fields(name, code.ToLowerInvariant(), inCatalogue: true));

        AssertRedirect(response, "/Agencies/Details/");
        var agency = await FindByNameAsync(name);
        Assert.NotNull(agency);
        Assert.Equal(code, agency.CreditCode.Value);
        Assert.Equal(AgencyLevel.Municipal, agency.Level);
        Assert.Null(agency.RecommendingUnitId);
        Assert.True(agency.InCatalogue);
        Assert.Equal(new DateOnly(2024, 1, 1), agency.ValidFrom);
        Assert.Null(agency.ValidTo);
        Assert.Equal("contact@example.com", agency.ContactEmail);
        var audit = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.RecordId == agency.Id));
        Assert.Equal(AuditAction.AgencyRegistered, audit.Action);
        Assert.Contains(code, audit.After);

        var list = await (await client.GetAsync($"/Agencies?q={Uri.EscapeDataString(name)}")).HtmlAsync();
        Assert.Contains(name, list);
        Assert.Contains("data-testid=\"qualifies\"", list);
        Assert.Contains("只有评估日期在有效期内的市级服务机构的评估才能兑付", list);
    }

    [Theory]
    [InlineData("")]
    [InlineData("91310110666007217")]
    [InlineData("91310110666007217X")]
    [InlineData("9131011O666007217T")]
    public async Task An_invalid_credit_code_is_refused_with_the_parsers_message_and_nothing_is_written(string code)
    {
        CreditCode.TryParse(code, out _, out var expected);
        var client = await portal.SignedInAsync(Commission);
        var name = $"无效代码机构{Tag()}";
        var before = await AgencyCountAsync();

        var response = await client.PostFormAsync("/Agencies/Create", "/Agencies/Create", Fields(name, code));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains(expected!, Errors(html));
        // Shown once, beside the field.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, System.Text.RegularExpressions.Regex.Escape(expected!)));
        Assert.Null(await FindByNameAsync(name));
        Assert.Equal(before, await AgencyCountAsync());
    }

    [Fact]
    public async Task A_credit_code_already_registered_for_an_agency_is_refused_and_nothing_is_written()
    {
        var existing = await NewAgencyAsync(portal, name: $"已登记机构{Tag()}");
        var client = await portal.SignedInAsync(Commission);
        var name = $"重复代码机构{Tag()}";
        var before = await AgencyCountAsync();
        var auditsBefore = await AgencyAuditCountAsync();

        // Full-width and lower case: normalised before the comparison.
        var typed = " " + existing.CreditCode.Value.ToLowerInvariant() + " ";
        var response = await client.PostFormAsync("/Agencies/Create", "/Agencies/Create", Fields(name, typed));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"该统一社会信用代码已登记为服务机构“{existing.Name}”", Errors(await response.Content.ReadAsStringAsync()));
        Assert.Null(await FindByNameAsync(name));
        Assert.Equal(before, await AgencyCountAsync());
        Assert.Equal(auditsBefore, await AgencyAuditCountAsync());
    }

    [Fact]
    public async Task Editing_to_another_agencys_credit_code_is_refused_and_nothing_changes()
    {
        var other = await NewAgencyAsync(portal);
        var agency = await NewAgencyAsync(portal);
        var client = await portal.SignedInAsync(Commission);

        var response = await client.PostFormAsync($"/Agencies/Edit/{agency.Id}", $"/Agencies/Edit/{agency.Id}",
            Fields("改名后的机构", other.CreditCode.Value, version: agency.Version.ToString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已登记为服务机构", Errors(await response.Content.ReadAsStringAsync()));
        var saved = await LoadAsync(agency.Id);
        Assert.Equal(agency.Name, saved.Name);
        Assert.Equal(agency.CreditCode, saved.CreditCode);
        Assert.Equal(0, await AuditCountAsync(portal, agency.Id));
    }

    [Theory]
    [InlineData("", "Municipal", false, "2024-01-01", "", "请填写机构名称")]
    [InlineData("N", "District", false, "2024-01-01", "", "区级服务机构须选择推荐它的推荐单位")]
    [InlineData("N", "Municipal", false, "", "", "请填写有效期起始日期")]
    [InlineData("N", "Municipal", false, "2024-06-01", "2024-05-31", "有效期截止日不能早于起始日")]
    [InlineData("N", "Municipal", false, "2024-01-01", "", "电子邮箱“not-an-email”格式不正确", "not-an-email")]
    [InlineData("N", "District", true, "2024-01-01", "", "所选推荐单位不存在")]
    public async Task Missing_or_inconsistent_fields_are_refused_and_nothing_is_written(
        string name, string level, bool unknownUnit, string from, string to, string message, string email = "a@example.com")
    {
        var client = await portal.SignedInAsync(Commission);
        var before = await AgencyCountAsync();
        var fields = Fields(name == "N" ? $"字段校验机构{Tag()}" : name, NewCreditCode().Value, level,
            unknownUnit ? Guid.NewGuid().ToString() : "", from, to);
        fields["Form.ContactEmail"] = email;

        var response = await client.PostFormAsync("/Agencies/Create", "/Agencies/Create", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, Errors(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await AgencyCountAsync());
    }

    [Fact]
    public async Task A_municipal_agency_never_belongs_to_a_unit_even_when_one_is_posted()
    {
        var client = await portal.SignedInAsync(Commission);
        var name = $"市级带单位机构{Tag()}";
        var unit = await UnitIdAsync(portal, Pudong);

        AssertRedirect(await client.PostFormAsync("/Agencies/Create", "/Agencies/Create",
            Fields(name, NewCreditCode().Value, "Municipal", unit.ToString())), "/Agencies/Details/");

        var saved = await FindByNameAsync(name);
        Assert.Equal(AgencyLevel.Municipal, saved!.Level);
        Assert.Null(saved.RecommendingUnitId);
    }

    [Fact]
    public async Task Commission_edits_an_agency_and_the_audit_keeps_before_and_after()
    {
        var agency = await NewAgencyAsync(portal, validTo: new DateOnly(2025, 12, 31));
        var client = await portal.SignedInAsync(Commission);
        var unit = await UnitIdAsync(portal, Minhang);
        var newName = $"改为区级的机构{Tag()}";

        var response = await client.PostFormAsync($"/Agencies/Edit/{agency.Id}", $"/Agencies/Edit/{agency.Id}",
            Fields(newName, agency.CreditCode.Value, "District", unit.ToString(), "2024-01-01", "2030-12-31", inCatalogue: false, version: agency.Version.ToString()));

        AssertRedirect(response, $"/Agencies/Details/{agency.Id}");
        var saved = await LoadAsync(agency.Id);
        Assert.Equal(newName, saved.Name);
        Assert.Equal(AgencyLevel.District, saved.Level);
        Assert.Equal(unit, saved.RecommendingUnitId);
        Assert.False(saved.InCatalogue);
        Assert.Equal(new DateOnly(2030, 12, 31), saved.ValidTo);
        var audit = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.RecordId == agency.Id));
        Assert.Equal(AuditAction.AgencyChanged, audit.Action);
        Assert.Contains(agency.Name, audit.Before);
        Assert.Contains("2025-12-31", audit.Before);
        Assert.Contains(newName, audit.After);
        Assert.Contains("闵行区推荐", audit.After);

        var details = await (await client.GetAsync($"/Agencies/Details/{agency.Id}")).HtmlAsync();
        Assert.Contains("修改服务机构", details);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_409_and_nothing_changes()
    {
        var agency = await NewAgencyAsync(portal);
        var client = await portal.SignedInAsync(Commission);

        var response = await client.PostFormAsync($"/Agencies/Edit/{agency.Id}", $"/Agencies/Edit/{agency.Id}",
            Fields("过期表单的名称", agency.CreditCode.Value, version: Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(agency.Name, (await LoadAsync(agency.Id)).Name);
        Assert.Equal(0, await AuditCountAsync(portal, agency.Id));
    }

    [Fact]
    public async Task A_district_registers_only_district_level_agencies_of_its_own_unit_whatever_it_posts()
    {
        var client = await portal.SignedInAsync(PudongDistrict);
        var minhang = await UnitIdAsync(portal, Minhang);
        var pudong = await UnitIdAsync(portal, Pudong);
        var name = $"浦东区级机构{Tag()}";

        // Forged: municipal level, another unit, in the catalogue.
        var response = await client.PostFormAsync("/Agencies/Create", "/Agencies/Create",
            Fields(name, NewCreditCode().Value, "Municipal", minhang.ToString(), inCatalogue: true));

        AssertRedirect(response, "/Agencies/Details/");
        var agency = await FindByNameAsync(name);
        Assert.NotNull(agency);
        Assert.Equal(AgencyLevel.District, agency.Level);
        Assert.Equal(pudong, agency.RecommendingUnitId);
        Assert.False(agency.InCatalogue);
        var audit = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.RecordId == agency.Id));
        Assert.Equal(AuditAction.AgencyRegistered, audit.Action);
        Assert.Contains("浦东新区推荐", audit.After);
    }

    [Fact]
    public async Task A_district_edits_its_own_agency_but_cannot_move_it_to_another_unit_or_level()
    {
        var agency = await NewAgencyAsync(portal, AgencyLevel.District, Pudong, inCatalogue: true);
        var client = await portal.SignedInAsync(PudongDistrict);
        var minhang = await UnitIdAsync(portal, Minhang);
        var newName = $"浦东改名机构{Tag()}";

        var response = await client.PostFormAsync($"/Agencies/Edit/{agency.Id}", $"/Agencies/Edit/{agency.Id}",
            Fields(newName, agency.CreditCode.Value, "Municipal", minhang.ToString(), inCatalogue: false, version: agency.Version.ToString()));

        AssertRedirect(response, $"/Agencies/Details/{agency.Id}");
        var saved = await LoadAsync(agency.Id);
        Assert.Equal(newName, saved.Name);
        Assert.Equal(AgencyLevel.District, saved.Level);
        Assert.Equal(agency.RecommendingUnitId, saved.RecommendingUnitId);
        // The catalogue is the commission's decision: the district's posted value is ignored.
        Assert.True(saved.InCatalogue);
    }

    [Fact]
    public async Task A_district_cannot_open_or_edit_another_units_agency_and_nothing_changes()
    {
        var agency = await NewAgencyAsync(portal, AgencyLevel.District, Pudong);
        var client = await portal.SignedInAsync(MinhangDistrict);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Agencies/Details/{agency.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Agencies/Edit/{agency.Id}")).StatusCode);
        var post = await client.PostWithTokenAsync($"/Agencies/Edit/{agency.Id}",
            Fields("闵行改名", agency.CreditCode.Value, "District", version: agency.Version.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        var saved = await LoadAsync(agency.Id);
        Assert.Equal(agency.Name, saved.Name);
        Assert.Equal(0, await AuditCountAsync(portal, agency.Id));
        var list = await (await client.GetAsync("/Agencies")).HtmlAsync();
        Assert.DoesNotContain(agency.Name, list);
    }

    [Fact]
    public async Task A_district_reads_municipal_agencies_but_cannot_edit_them()
    {
        var agency = await NewAgencyAsync(portal);
        var client = await portal.SignedInAsync(PudongDistrict);

        var details = await client.GetAsync($"/Agencies/Details/{agency.Id}");
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        var html = await details.HtmlAsync();
        Assert.Contains(agency.Name, html);
        Assert.DoesNotContain("data-testid=\"edit-agency\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Agencies/Edit/{agency.Id}")).StatusCode);
        var post = await client.PostWithTokenAsync($"/Agencies/Edit/{agency.Id}",
            Fields("区里改市级机构", agency.CreditCode.Value, version: agency.Version.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(agency.Name, (await LoadAsync(agency.Id)).Name);
    }

    [Fact]
    public async Task The_list_filters_by_level_unit_catalogue_and_validity_today()
    {
        var tag = Tag();
        var municipalValid = await NewAgencyAsync(portal, name: $"筛选{tag}市级有效", inCatalogue: true);
        var municipalExpired = await NewAgencyAsync(portal, name: $"筛选{tag}市级过期", validFrom: new DateOnly(2020, 1, 1), validTo: new DateOnly(2021, 12, 31), inCatalogue: false);
        var districtMinhang = await NewAgencyAsync(portal, AgencyLevel.District, Minhang, name: $"筛选{tag}闵行区级", inCatalogue: false);
        var client = await portal.SignedInAsync(Commission);
        var minhang = await UnitIdAsync(portal, Minhang);

        async Task<string> Page(string query) => await (await client.GetAsync($"/Agencies?q={Uri.EscapeDataString("筛选" + tag)}&{query}")).HtmlAsync();

        var all = await Page("");
        Assert.Contains(municipalValid.Name, all);
        Assert.Contains(municipalExpired.Name, all);
        Assert.Contains(districtMinhang.Name, all);

        var districtLevel = await Page("level=District");
        Assert.Contains(districtMinhang.Name, districtLevel);
        Assert.DoesNotContain(municipalValid.Name, districtLevel);

        var byUnit = await Page($"unitId={minhang}");
        Assert.Contains(districtMinhang.Name, byUnit);
        Assert.DoesNotContain(municipalExpired.Name, byUnit);

        var inCatalogue = await Page("inCatalogue=true");
        Assert.Contains(municipalValid.Name, inCatalogue);
        Assert.DoesNotContain(municipalExpired.Name, inCatalogue);

        var validToday = await Page("validToday=true");
        Assert.Contains(municipalValid.Name, validToday);
        Assert.DoesNotContain(municipalExpired.Name, validToday);
        var notValid = await Page("validToday=false");
        Assert.Contains(municipalExpired.Name, notValid);
        Assert.DoesNotContain(municipalValid.Name, notValid);
        Assert.Contains("已过有效期", notValid);

        var byCode = await (await client.GetAsync($"/Agencies?q={municipalExpired.CreditCode.Value}")).HtmlAsync();
        Assert.Contains(municipalExpired.Name, byCode);
        Assert.DoesNotContain(municipalValid.Name, byCode);
    }

    [Fact]
    public async Task The_list_pages()
    {
        var tag = Tag();
        for (var i = 0; i < 21; i++)
        {
            await NewAgencyAsync(portal, name: $"分页{tag}-{i:00}");
        }
        var client = await portal.SignedInAsync(Commission);
        var first = await (await client.GetAsync($"/Agencies?q=分页{tag}")).HtmlAsync();
        var second = await (await client.GetAsync($"/Agencies?q=分页{tag}&page=2")).HtmlAsync();
        Assert.Contains("共 21 条，第 1 / 2 页", first);
        Assert.Contains($"分页{tag}-00", first);
        Assert.DoesNotContain($"分页{tag}-20", first);
        Assert.Contains($"分页{tag}-20", second);
    }

    [Fact]
    public async Task Details_list_the_staff_accounts_and_only_admin_gets_the_add_account_link()
    {
        var agency = await NewAgencyAsync(portal);
        var staffEmail = await NewUserAsync(portal, agency.Id, Web.Authorization.Roles.Agency);

        var admin = await portal.SignedInAsync(Admin);
        var adminPage = await (await admin.GetAsync($"/Agencies/Details/{agency.Id}")).HtmlAsync();
        Assert.Contains(staffEmail, adminPage);
        Assert.Contains($"/Users/Create?organisationId={agency.Id}", adminPage);

        var commission = await portal.SignedInAsync(Commission);
        var commissionPage = await (await commission.GetAsync($"/Agencies/Details/{agency.Id}")).HtmlAsync();
        Assert.Contains(staffEmail, commissionPage);
        Assert.DoesNotContain("/Users/Create", commissionPage);
    }

    [Theory]
    [InlineData("enterprise.a@zpq.local", "/Agencies")]
    [InlineData("agency.a@zpq.local", "/Agencies/Create")]
    [InlineData("thirdparty@zpq.local", "/Agencies")]
    public async Task Other_roles_cannot_use_the_register(string email, string url)
    {
        var client = await portal.SignedInAsync(email);
        AssertAccessDenied(await client.GetAsync(url));
    }

    [Fact]
    public async Task A_posted_edit_from_another_role_changes_nothing()
    {
        var agency = await NewAgencyAsync(portal);
        var client = await portal.SignedInAsync("agency.a@zpq.local");
        var response = await client.PostWithTokenAsync($"/Agencies/Edit/{agency.Id}", Fields("机构自改", agency.CreditCode.Value, version: agency.Version.ToString()));
        AssertAccessDenied(response);
        Assert.Equal(agency.Name, (await LoadAsync(agency.Id)).Name);
    }
}

[Collection("sqlite")]
public sealed class AgenciesTests_Sqlite(SqlitePortal portal) : AgenciesTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class AgenciesTests_Postgres(PostgresPortal portal) : AgenciesTests(portal), IClassFixture<PostgresPortal>;
