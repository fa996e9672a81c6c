using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.Programmes;

namespace ZhiPingQuan.Web.Tests.Foundation;

/// <summary>
/// 单位管理: Admin's register of organisations. Each change is one audit line written from the organisation's own
/// event (its kind named in Chinese), a change needs the version the page was read at, and a refusal writes nothing.
/// </summary>
public abstract class OrganisationRegisterTests(PortalFactory portal)
{
    private const string Admin = "admin@zpq.local";

    private async Task<Organisation> NewThirdPartyAsync()
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var organisation = new Organisation($"测试第三方机构{TestData.Tag()}", OrganisationKind.ThirdParty);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }

    private Task<Organisation> LoadAsync(Guid id) => portal.WithDbAsync(db => db.Organisations.AsNoTracking().FirstAsync(o => o.Id == id));

    private Task<List<AuditEntry>> LinesAsync(Guid id) =>
        portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == id).ToListAsync());

    [Fact]
    public async Task Creating_a_unit_writes_one_line_naming_its_kind_in_Chinese()
    {
        var admin = await portal.SignedInAsync(Admin);
        var name = $"测试管委会{TestData.Tag()}";

        var response = await admin.PostFormAsync("/Organisations/Create", "/Organisations/Create", new Dictionary<string, string>
        {
            ["Kind"] = nameof(OrganisationKind.RecommendingUnit), ["Name"] = name, ["UnitCode"] = "", ["SortOrder"] = "30",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await portal.WithDbAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());
        var line = Assert.Single(await LinesAsync(id));
        Assert.Equal((AuditAction.OrganisationCreated, nameof(Organisation), null, "推荐单位", name), (line.Action, line.RecordType, line.Before, line.After, line.Detail));
    }

    [Fact]
    public async Task A_unit_the_domain_refuses_is_shown_on_the_form_and_nothing_is_written()
    {
        var admin = await portal.SignedInAsync(Admin);
        var name = $"测试区{TestData.Tag()}";
        var auditsBefore = await Arrange.AuditCountAsync(portal, AuditAction.OrganisationCreated);

        var response = await admin.PostFormAsync("/Organisations/Create", "/Organisations/Create", new Dictionary<string, string>
        {
            ["Kind"] = nameof(OrganisationKind.RecommendingUnit), ["Name"] = name, ["UnitCode"] = "3101", ["SortOrder"] = "30",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("行政区划代码应为6位数字，当前为“3101”。", Arrange.Errors(await response.Content.ReadAsStringAsync()));
        Assert.False(await portal.WithDbAsync(db => db.Organisations.AnyAsync(o => o.Name == name)));
        Assert.Equal(auditsBefore, await Arrange.AuditCountAsync(portal, AuditAction.OrganisationCreated));
    }

    [Fact]
    public async Task Renaming_writes_one_line_with_the_old_and_the_new_name()
    {
        var organisation = await NewThirdPartyAsync();
        var admin = await portal.SignedInAsync(Admin);

        var response = await admin.PostFormAsync($"/Organisations/Details/{organisation.Id}", $"/Organisations/Rename/{organisation.Id}",
            new Dictionary<string, string> { ["name"] = organisation.Name + "（更名）", ["version"] = organisation.Version.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(organisation.Name + "（更名）", (await LoadAsync(organisation.Id)).Name);
        var line = Assert.Single(await LinesAsync(organisation.Id));
        Assert.Equal((AuditAction.OrganisationRenamed, organisation.Name, organisation.Name + "（更名）"), (line.Action, line.Before, line.After));
    }

    [Fact]
    public async Task Deactivating_and_activating_write_one_line_each()
    {
        var organisation = await NewThirdPartyAsync();
        var admin = await portal.SignedInAsync(Admin);

        await admin.PostFormAsync($"/Organisations/Details/{organisation.Id}", $"/Organisations/SetActive/{organisation.Id}",
            new Dictionary<string, string> { ["active"] = "false", ["version"] = organisation.Version.ToString() });
        var deactivated = await LoadAsync(organisation.Id);
        Assert.False(deactivated.IsActive);
        await admin.PostFormAsync($"/Organisations/Details/{organisation.Id}", $"/Organisations/SetActive/{organisation.Id}",
            new Dictionary<string, string> { ["active"] = "true", ["version"] = deactivated.Version.ToString() });

        Assert.True((await LoadAsync(organisation.Id)).IsActive);
        var lines = await LinesAsync(organisation.Id);
        Assert.Equal([AuditAction.OrganisationActivated, AuditAction.OrganisationDeactivated], lines.Select(a => a.Action).Order());
        var off = lines.Single(a => a.Action == AuditAction.OrganisationDeactivated);
        Assert.Equal(("启用", "停用", organisation.Name), (off.Before, off.After, off.Detail));
    }

    /// <summary>The register's forms post the version the page was read at: missing or stale, the change is refused.</summary>
    [Theory]
    [InlineData("Rename", null)]
    [InlineData("Rename", "stale")]
    [InlineData("SetActive", null)]
    [InlineData("SetActive", "stale")]
    public async Task A_change_without_the_current_version_is_refused_with_409_and_nothing_changes(string action, string? version)
    {
        var organisation = await NewThirdPartyAsync();
        var admin = await portal.SignedInAsync(Admin);
        var fields = new Dictionary<string, string> { ["name"] = "不应保存的名称", ["active"] = "false" };
        if (version is not null)
        {
            fields["version"] = Guid.NewGuid().ToString();
        }

        var response = await admin.PostFormAsync($"/Organisations/Details/{organisation.Id}", $"/Organisations/{action}/{organisation.Id}", fields);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var saved = await LoadAsync(organisation.Id);
        Assert.Equal((organisation.Name, true, organisation.Version), (saved.Name, saved.IsActive, saved.Version));
        Assert.Empty(await LinesAsync(organisation.Id));
    }

    [Fact]
    public async Task Refused_changes_write_nothing()
    {
        var organisation = await NewThirdPartyAsync();
        var admin = await portal.SignedInAsync(Admin);

        var emptyName = await admin.PostFormAsync($"/Organisations/Details/{organisation.Id}", $"/Organisations/Rename/{organisation.Id}",
            new Dictionary<string, string> { ["name"] = "  ", ["version"] = organisation.Version.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, emptyName.StatusCode);
        Assert.Contains("单位名称不能为空", await emptyName.Content.ReadAsStringAsync());
        Assert.Equal(organisation.Name, (await LoadAsync(organisation.Id)).Name);
        Assert.Empty(await LinesAsync(organisation.Id));

        // Admin's own organisation cannot be deactivated (it would lock Admin out).
        var own = await portal.WithDbAsync(db => db.Users.Where(u => u.Email == Admin)
            .Join(db.Organisations, u => u.OrganisationId, o => o.Id, (u, o) => o).AsNoTracking().FirstAsync());
        var ownResponse = await admin.PostFormAsync($"/Organisations/Details/{own.Id}", $"/Organisations/SetActive/{own.Id}",
            new Dictionary<string, string> { ["active"] = "false", ["version"] = own.Version.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, ownResponse.StatusCode);
        Assert.Contains("不能停用您自己所属的单位", await admin.GetStringAsync($"/Organisations/Details/{own.Id}"));
        Assert.True((await LoadAsync(own.Id)).IsActive);
        Assert.Equal(0, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == own.Id && a.Action == AuditAction.OrganisationDeactivated)));
    }
}

[Collection("sqlite")]
public sealed class OrganisationRegisterTests_Sqlite(SqlitePortal portal) : OrganisationRegisterTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class OrganisationRegisterTests_Postgres(PostgresPortal portal) : OrganisationRegisterTests(portal), IClassFixture<PostgresPortal>;
