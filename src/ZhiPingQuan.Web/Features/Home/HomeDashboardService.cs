using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Infrastructure;

using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Home;

/// <summary>
/// One thing a role has to do next, with how many records wait for it and the list filtered to exactly those
/// records (the count and the list use the same domain rule; a test holds them together).
/// </summary>
public sealed record TodoItem(string Title, int Count, string? Hint, string Link);

/// <summary>A figure of the role's work so far, leading to the list it counts.</summary>
public sealed record FigureItem(string Label, int Count, string Link);

public sealed record DeadlineItem(int Year, string BatchName, DateOnly Deadline, int DaysLeft);

public sealed class Dashboard
{
    public required string Title { get; init; }
    public required string Role { get; init; }
    public required IReadOnlyList<TodoItem> Todos { get; init; }
    public required IReadOnlyList<DeadlineItem> Deadlines { get; init; }
    public IReadOnlyList<FigureItem> Figures { get; init; } = [];

    /// <summary>For an enterprise: its recommendations (by which unit, to which batch, on what bases).</summary>
    public IReadOnlyList<RecommendationSummary> EnterpriseRecommendations { get; init; } = [];

    /// <summary>For an enterprise: the batches it is listed for and may apply in (申请智评券额度), with deadline and days left.</summary>
    public IReadOnlyList<ApplicationOpportunity> ApplicationOpportunities { get; init; } = [];

    /// <summary>For the commission (the whole programme) and a district (its own unit): the chosen year at a glance.</summary>
    public ProgrammeYearFigures? Programme { get; init; }

    /// <summary>How long <see cref="Programme"/>'s figures are kept before they are worked out again (DashboardFigures).</summary>
    public int FiguresRefreshSeconds { get; init; }

    /// <summary>The programme years to choose from for <see cref="Programme"/>, newest first.</summary>
    public IReadOnlyList<(Guid Id, int Year)> Years { get; init; } = [];
}

/// <summary>
/// The home page of each role: what waits for this user's organisation, from real queries scoped
/// by the organisation (a district sees only its unit's work, an enterprise only its own).
/// </summary>
public sealed class HomeDashboardService(AppDbContext db, IClock clock, UserManager<AppUser> users, EnterpriseRecommendations recommendations,
    SummaryTablesWaiting tables, AccountDirectory accounts, TwoFactorPolicy twoFactor, ApplicationOpportunities opportunities, DashboardFigures programme,
    ProgrammeChoices choices)
{
    public static string TitleFor(string role) => role switch
    {
        Roles.Commission => "市经济信息化委工作台",
        Roles.District => "推荐单位工作台",
        Roles.Enterprise => "企业工作台",
        Roles.Agency => "服务机构工作台",
        Roles.ThirdParty => "第三方机构工作台",
        Roles.Admin => "系统管理工作台",
        Roles.SecurityAdmin => "安全管理工作台",
        Roles.AuditAdmin => "审计管理工作台",
        _ => "工作台",
    };

    /// <param name="yearId">The programme year of the charts (commission and district); the latest year when null or unknown.</param>
    public async Task<Dashboard> BuildAsync(ClaimsPrincipal user, Guid? yearId = null, CancellationToken ct = default)
    {
        var role = user.GetRole() ?? throw new InvalidOperationException("账户没有角色。");
        var org = user.RequireOrganisationId();
        var deadlines = Roles.Administrators.Contains(role) ? [] : await OpenDeadlinesAsync(ct);
        var (todos, figures) = role switch
        {
            Roles.Commission => await CommissionAsync(ct),
            Roles.District => await DistrictAsync(org, ct),
            Roles.Enterprise => await EnterpriseAsync(org, ct),
            Roles.Agency => await AgencyAsync(org, ct),
            Roles.ThirdParty => await ThirdPartyAsync(ct),
            Roles.Admin => await AdminAsync(ct),
            Roles.SecurityAdmin => await SecurityAdminAsync(ct),
            Roles.AuditAdmin => await AuditAdminAsync(ct),
            _ => ([], []),
        };
        IReadOnlyList<(Guid Id, int Year)> years = [];
        ProgrammeYearFigures? figuresOfYear = null;
        if (role is Roles.Commission or Roles.District)
        {
            years = (await db.ProgrammeYears.AsNoTracking().OrderByDescending(y => y.Year).Select(y => new { y.Id, y.Year }).ToListAsync(ct))
                .Select(y => (y.Id, y.Year)).ToList();
            var chosen = years.FirstOrDefault(y => y.Id == yearId);
            var shown = chosen.Id != Guid.Empty ? chosen.Id : years.Select(y => y.Id).FirstOrDefault();
            if (shown != Guid.Empty)
            {
                // A district's figures are its own unit's only, totals included.
                figuresOfYear = await programme.ForYearAsync(shown, role == Roles.District ? org : null, ct);
            }
        }
        var enterpriseRecommendations = role == Roles.Enterprise
            ? await recommendations.ForEnterpriseAsync(org, includeDrafts: false, ct)
            : [];
        return new Dashboard
        {
            Title = TitleFor(role), Role = role, Todos = todos, Deadlines = deadlines, Figures = figures,
            EnterpriseRecommendations = enterpriseRecommendations,
            ApplicationOpportunities = role == Roles.Enterprise ? await opportunities.ForEnterpriseAsync(org, ct) : [],
            Programme = figuresOfYear,
            FiguresRefreshSeconds = programme.Seconds,
            Years = years,
        };
    }

    private async Task<TodoItem> TablesAsync(string title, QueryRule<SummaryTable> rule, Guid? unit, string link, CancellationToken ct)
    {
        var (count, hint) = await tables.WaitingAsync(rule, unit, ct);
        return new TodoItem(title, count, hint, link);
    }

    private static (IReadOnlyList<TodoItem>, IReadOnlyList<FigureItem>) Result(TodoItem[] todos, FigureItem[] figures) => (todos, figures);

    /// <summary>
    /// The batches of the latest programme year, and any earlier year's batch still open (its deadline extended, say for
    /// the applications of a year's last listed enterprises) — open ones first, each with its days left.
    /// </summary>
    private async Task<IReadOnlyList<DeadlineItem>> OpenDeadlinesAsync(CancellationToken ct)
    {
        var latest = await db.ProgrammeYears.AsNoTracking().OrderByDescending(p => p.Year).Select(p => new { p.Id, p.Year }).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return [];
        }
        return (await choices.BatchChoicesAsync(ct))
            .Where(b => b.ProgrammeYearId == latest.Id || b.IsOpen)
            .Select(b => new DeadlineItem(b.Year, b.Name, b.Deadline, b.DaysLeft))
            .OrderBy(d => d.DaysLeft < 0).ThenBy(d => d.Deadline).ThenBy(d => d.Year)
            .ToList();
    }

    // Each count below uses the rule its list's filter uses; only steps the portal can do have a to-do.

    private async Task<(IReadOnlyList<TodoItem>, IReadOnlyList<FigureItem>)> CommissionAsync(CancellationToken ct)
    {
        var latest = await db.ProgrammeYears.AsNoTracking().OrderByDescending(p => p.Year).Select(p => new { p.Id, p.Year }).FirstOrDefaultAsync(ct);
        var figures = new List<FigureItem>();
        if (latest is not null)
        {
            var recommended = await db.Recommendations.Where(r => r.ProgrammeYearId == latest.Id).Where(RecommendationRules.CountsForProgramme).CountAsync(ct);
            figures.Add(new($"{latest.Year}年度已推荐企业（市级）", recommended, $"/RecommendationOverview?yearId={latest.Id}"));
        }
        figures.Add(new("累计已确认的评估（各年度）", await db.Assessments.Where(AssessmentRules.Confirmed).CountAsync(ct), "/Assessments/Tracking?state=Confirmed"));
        return (await RedemptionTodosAsync(null, ct), figures);
    }

    /// <summary>
    /// The redemptions to approve and to pay, per programme year that has some waiting (newest first) — or, when none waits,
    /// of the latest year that has any (the year the redemption list opens on).
    /// </summary>
    private async Task<List<TodoItem>> RedemptionTodosAsync(Guid? agency, CancellationToken ct)
    {
        var redemptions = db.Redemptions.Where(r => agency == null || r.AgencyId == agency);
        var waiting = agency is null ? redemptions.Where(RedemptionRules.AwaitingApproval.Or(RedemptionRules.AwaitingPayment)) : redemptions.Where(RedemptionRules.AwaitingPayment);
        var counts = await waiting
            .SelectWithRules(r => new
            {
                r.ProgrammeYearId,
                ToApprove = RedemptionRules.AwaitingApproval.IsSatisfiedBy(r),
                ToPay = RedemptionRules.AwaitingPayment.IsSatisfiedBy(r),
            })
            .Join(db.ProgrammeYears, r => r.ProgrammeYearId, y => y.Id, (r, y) => new { y.Id, y.Year, r.ToApprove, r.ToPay })
            .GroupBy(x => new { x.Id, x.Year, x.ToApprove, x.ToPay })
            .Select(g => new { g.Key.Id, g.Key.Year, g.Key.ToApprove, g.Key.ToPay, Count = g.Count() }).ToListAsync(ct);
        var years = counts.Select(c => (c.Id, c.Year)).Distinct().OrderByDescending(y => y.Year).ToList();
        if (years.Count == 0)
        {
            var latest = await redemptions.Join(db.ProgrammeYears, r => r.ProgrammeYearId, y => y.Id, (r, y) => new { y.Id, y.Year })
                .OrderByDescending(x => x.Year).FirstOrDefaultAsync(ct);
            if (latest is null)
            {
                return [];
            }
            years.Add((latest.Id, latest.Year));
        }
        int ToApprove(Guid year) => counts.Where(c => c.Id == year && c.ToApprove).Sum(c => c.Count);
        int ToPay(Guid year) => counts.Where(c => c.Id == year && c.ToPay).Sum(c => c.Count);
        return years.SelectMany(y => agency is null
            ? new TodoItem[]
            {
                new($"{y.Year}年度待批准的额度兑付", ToApprove(y.Id), null, $"/Redemptions?yearId={y.Id}&state={RedemptionState.PendingApproval}"),
                new($"{y.Year}年度已批准、待登记支付的兑付", ToPay(y.Id), null, $"/Redemptions?yearId={y.Id}&state={RedemptionState.Approved}"),
            }
            : [new($"{y.Year}年度已批准、待支付的兑付（可下载兑付通知）", ToPay(y.Id), null, $"/Redemptions?yearId={y.Id}&state={RedemptionState.Approved}")])
            .ToList();
    }

    private async Task<(IReadOnlyList<TodoItem>, IReadOnlyList<FigureItem>)> DistrictAsync(Guid unit, CancellationToken ct)
    {
        var recommendations = db.Recommendations.Where(r => r.RecommendingUnitId == unit);
        var assessments = db.Assessments.Where(a => a.RecommendingUnitId == unit);
        var drafts = await recommendations.CountAsync(r => r.State == RecommendationState.Draft, ct);
        var awaitingAssignment = await recommendations.Where(RecommendationRules.ReadyForAssignment)
            .CountAsync(r => !db.Assessments.Any(a => a.RecommendationId == r.Id), ct);
        var toConfirm = await assessments.Where(AssessmentRules.AwaitingDistrictConfirmation).CountAsync(ct);
        var accountRequests = await db.EnterpriseAccountRequests.CountAsync(r => r.RecommendingUnitId == unit && r.State == EnterpriseAccountRequestState.Pending, ct);
        var conflicts = await assessments.Where(AssessmentRules.AwaitingReassignment).CountAsync(ct);
        var recommended = await recommendations.Where(RecommendationRules.CountsAsRecommended).CountAsync(ct);
        return Result(
            [
                new("待提交的推荐草稿", drafts, null, "/Recommendations?state=Draft"),
                new("已推荐、待指派服务机构的企业", awaitingAssignment, null, "/Assignments/Unassigned"),
                new("需重新指派服务机构的评估（机构声明利益冲突或企业拒绝）", conflicts, null, "/Assignments?conflicts=true"),
                new("第三方已确认合规、待本单位确认完成的评估", toConfirm, null, "/Assessments/Progress?awaiting=DistrictConfirmation"),
                await TablesAsync("待盖章的汇总表", SummaryTableRules.AwaitingDistrictSeal, unit, "/SummaryTables?queue=AwaitingDistrictSeal", ct),
                await TablesAsync("第三方已盖章、待报送的汇总表", SummaryTableRules.AwaitingSubmission, unit, "/SummaryTables?queue=AwaitingSubmission", ct),
                new("待审核的企业账户申请", accountRequests, "企业自助申请开通账户，须本单位批准", "/EnterpriseAccounts/Requests"),
            ],
            [new("本单位有效推荐（已推荐、已完成评估、已列入汇总表）", recommended, "/Recommendations?counted=true")]);
    }

    private async Task<(IReadOnlyList<TodoItem>, IReadOnlyList<FigureItem>)> EnterpriseAsync(Guid enterprise, CancellationToken ct)
    {
        var toAgree = await db.Assessments.Where(a => a.EnterpriseId == enterprise).Where(AssessmentRules.AwaitingEnterpriseAgreement).CountAsync(ct);
        var applications = db.QuotaApplications.Where(a => a.EnterpriseId == enterprise);
        var returned = await applications.Where(QuotaApplicationRules.AwaitingSupplement)
            .SelectWithRules(a => db.SupplementRequests.Where(r => r.QuotaApplicationId == a.Id && SupplementRequestRules.Unanswered.IsSatisfiedBy(r))
                .Select(r => (DateOnly?)r.DueDate).FirstOrDefault())
            .ToListAsync(ct);
        var due = returned.OfType<DateOnly>().Order().Select(d => $"补正截止 {ShanghaiTime.FormatDate(d)}（{Display.DaysLeft(ShanghaiTime.DaysLeft(clock, d))}）").FirstOrDefault();
        // The enterprise's recommendations are listed on this page itself, below the to-dos; where it may apply, above them.
        return Result(
            [
                new("待确认的服务机构指派", toAgree, "区里为本企业指派了评估服务机构，请确认", "/Assignments/Mine?toAgree=true"),
                new("待提交的额度申请（草稿）", await applications.Where(QuotaApplicationRules.Draft).CountAsync(ct), null, "/Applications?queue=Draft"),
                new("被退回补正、待重新提交的额度申请", returned.Count, due, "/Applications?queue=Returned"),
            ],
            []);
    }

    private async Task<(IReadOnlyList<TodoItem>, IReadOnlyList<FigureItem>)> AgencyAsync(Guid agency, CancellationToken ct)
    {
        var own = db.Assessments.Where(a => a.AgencyId == agency);
        return Result(
            [
                new("待接受的评估任务（需声明无利益冲突）", await own.Where(AssessmentRules.AwaitingAgencyAcceptance).CountAsync(ct), null,
                    "/Assignments/Tasks?pendingOnly=true"),
                new("进行中的评估", await own.CountAsync(a => a.State == AssessmentState.InProgress, ct), null, "/Assessments?state=InProgress"),
                new("被第三方退回、待修改的评估报告", await own.CountAsync(a => a.State == AssessmentState.Returned, ct), null, "/Assessments?state=Returned"),
                .. await RedemptionTodosAsync(agency, ct),
            ],
            [new("累计已确认的评估（各年度）", await own.Where(AssessmentRules.Confirmed).CountAsync(ct), "/Assessments?state=Confirmed")]);
    }

    private async Task<(IReadOnlyList<TodoItem>, IReadOnlyList<FigureItem>)> ThirdPartyAsync(CancellationToken ct) =>
        Result(
            [
                new("待核查合规的评估报告", await db.Assessments.Where(AssessmentRules.AwaitingComplianceCheck).CountAsync(ct), null,
                    "/Assessments/Tracking?awaiting=ComplianceCheck"),
                await TablesAsync("推荐单位已盖章、待第三方盖章的汇总表", SummaryTableRules.AwaitingThirdPartySeal, null, "/SummaryTables?queue=AwaitingThirdPartySeal", ct),
                new("待审核的额度申请（新提交或已补正）", await db.QuotaApplications.Where(QuotaApplicationRules.AwaitingReview).CountAsync(ct),
                    await RevisedHintAsync(ct), "/Reviews?queue=AwaitingReview"),
                new("审核中、待作出结论的额度申请", await db.QuotaApplications.Where(QuotaApplicationRules.UnderReview).CountAsync(ct), null, "/Reviews?queue=UnderReview"),
            ],
            []);

    private async Task<string?> RevisedHintAsync(CancellationToken ct)
    {
        var revised = await db.QuotaApplications.Where(QuotaApplicationRules.AwaitingReview).CountAsync(a => a.IsRevised, ct);
        return revised == 0 ? null : $"其中{revised}份为补正后重新提交（已补正）";
    }

    /// <summary>The system administrator: accounts whose users have not set their passwords, and the register's size.</summary>
    private async Task<(IReadOnlyList<TodoItem>, IReadOnlyList<FigureItem>)> AdminAsync(CancellationToken ct)
    {
        var awaiting = await users.Users.CountAsync(u => u.PasswordHash == null, ct);
        var mustChange = await users.Users.CountAsync(u => u.MustChangePassword, ct);
        return Result(
            [
                new("待激活的账户", awaiting, "用户尚未通过激活链接设置密码", "/Users?awaiting=true"),
                new("尚未修改初始密码的账户", mustChange, null, "/Users?mustChange=true"),
            ],
            [new("单位", await db.Organisations.CountAsync(ct), "/Organisations"), new("账户", await users.Users.CountAsync(ct), "/Users")]);
    }

    /// <summary>The security administrator: locked accounts, and accounts that must enrol a second factor and have not.</summary>
    private async Task<(IReadOnlyList<TodoItem>, IReadOnlyList<FigureItem>)> SecurityAdminAsync(CancellationToken ct)
    {
        var locked = (await accounts.LockedIdsAsync(clock.UtcNow, ct)).Count;
        var missing = await accounts.SearchAsync(null, null, null, 1, ct,
            new AccountStates(false, false, clock.UtcNow) { TwoFactorMissing = true, DemoAccountsExempt = twoFactor.DemoAccountsExempt });
        return Result(
            [
                new("被锁定的账户", locked, "连续5次密码错误或被安全管理员锁定", "/Users?locked=true"),
                new("须两步验证但尚未启用的账户", missing.TotalCount, null, "/Users?twoFactorMissing=true"),
            ],
            []);
    }

    /// <summary>The audit administrator: today's lines of the trail and today's wrong passwords.</summary>
    private async Task<(IReadOnlyList<TodoItem>, IReadOnlyList<FigureItem>)> AuditAdminAsync(CancellationToken ct)
    {
        var today = ShanghaiTime.Today(clock);
        var fromUtc = ShanghaiTime.EndOfDayUtc(today.AddDays(-1));
        var toUtc = ShanghaiTime.EndOfDayUtc(today);
        var lines = db.AuditEntries.Where(a => a.AtUtc >= fromUtc && a.AtUtc < toUtc);
        var day = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Result(
            [],
            [
                new("今日审计记录", await lines.CountAsync(ct), $"/Audit?from={day}&to={day}"),
                new("今日登录失败（密码错误）", await lines.CountAsync(a => a.Action == AuditAction.SignInFailedWrongPassword, ct),
                    $"/Audit?operation={AuditAction.SignInFailedWrongPassword}&from={day}&to={day}"),
            ]);
    }
}
