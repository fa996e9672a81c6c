using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Enterprises;

/// <summary>The programme year "this year" refers to in the registry.</summary>
public sealed record CurrentProgrammeYear(Guid Id, int Year);

/// <summary>
/// The enterprise registry's use cases (docs/domain.md §2 Credit code): the district registers and edits the
/// enterprises of its unit, Admin corrects a recommended enterprise's credit code or registers it in the unit it moved
/// to; everyone in scope reads the filtered list. The rules and the audit lines are the domain's
/// (<see cref="Enterprise"/> and its events); this class loads, checks what needs the database (the exception
/// registry, city-wide uniqueness, the year's recommendation), calls the domain and saves. Refusals are
/// <see cref="DomainException"/>s naming the form's field; a missing or stale version is refused (409).
/// </summary>
public sealed class EnterpriseRegistry(AppDbContext db, IClock clock, ProgrammeChoices choices)
{
    /// <summary>"该统一社会信用代码已由浦东新区登记。" — names the holding unit and nothing else about the record.</summary>
    public static string HeldByMessage(string unitName) => $"该统一社会信用代码已由{unitName}登记。";

    public const string CodeLockedMessage = "该企业已被推荐，统一社会信用代码不能再由推荐单位修改；如需更正，请联系系统管理员。";

    /// <summary>The registry's form field a credit-code refusal is shown beside.</summary>
    private const string CodeField = nameof(EnterpriseForm.CreditCode);

    /// <summary>
    /// Normalises (trim, upper-case, full-width → half-width) and verifies the check character; a code that fails the
    /// check is still accepted when Admin registered it as a named exception. Refused with CreditCode.TryParse's own message.
    /// </summary>
    public async Task<CreditCode> ParseCreditCodeAsync(string? input, string field, CancellationToken ct = default)
    {
        if (CreditCode.TryParse(input, out var code, out var error))
        {
            return code!;
        }
        var normalised = CreditCode.Normalise(input);
        var registered = new List<string>();
        if (normalised.Length == 18 && normalised.All(c => CreditCode.Alphabet.Contains(c)))
        {
            var candidate = CreditCode.FromRegisteredException(normalised);
            if (await db.CreditCodeExceptions.AnyAsync(x => x.Code == candidate, ct))
            {
                registered.Add(normalised);
            }
        }
        return CreditCodeExceptions.TryAccept(input, registered, out code, out var acceptError)
            ? code!
            : throw new DomainException(acceptError ?? error!, field);
    }

    /// <summary>
    /// The name of the unit in which an enterprise with this code is registered, anywhere in the city;
    /// null when the code is free. <paramref name="exceptEnterpriseId"/> leaves out the enterprise being edited.
    /// </summary>
    private Task<string?> FindHoldingUnitNameAsync(CreditCode code, Guid? exceptEnterpriseId, CancellationToken ct) =>
        db.Organisations.OfType<Enterprise>().AsNoTracking()
            .Where(e => e.CreditCode == code && e.Id != exceptEnterpriseId)
            .Select(e => db.Organisations.Where(u => u.Id == e.RecommendingUnitId).Select(u => u.Name).FirstOrDefault() ?? "其他推荐单位")
            .FirstOrDefaultAsync(ct);

    /// <summary>Refuses a code another enterprise of the city holds.</summary>
    private async Task EnsureFreeAsync(CreditCode code, Guid? exceptEnterpriseId, string field, CancellationToken ct)
    {
        if (await FindHoldingUnitNameAsync(code, exceptEnterpriseId, ct) is { } holder)
        {
            throw new DomainException(HeldByMessage(holder), field);
        }
    }

    /// <summary>
    /// Everything the registry form checks about a credit code: acceptable, not registered elsewhere in the city,
    /// and — when editing — not changed any more once the enterprise has been recommended.
    /// </summary>
    public async Task<CreditCode> AcceptCreditCodeAsync(string? input, Guid? enterpriseId, CancellationToken ct = default)
    {
        var code = await ParseCreditCodeAsync(input, CodeField, ct);
        await EnsureFreeAsync(code, enterpriseId, CodeField, ct);
        if (enterpriseId is { } id)
        {
            var current = await db.Organisations.OfType<Enterprise>().AsNoTracking().Where(e => e.Id == id)
                .Select(e => e.CreditCode).FirstOrDefaultAsync(ct);
            if (current is not null && current != code
                && await db.Recommendations.Where(r => r.EnterpriseId == id).AnyAsync(RecommendationRules.ActedOn.Expression, ct))
            {
                throw new DomainException(CodeLockedMessage, CodeField);
            }
        }
        return code;
    }

    /// <summary>The programme year of the current Shanghai calendar year, if the commission has set it up.</summary>
    public async Task<CurrentProgrammeYear?> CurrentProgrammeYearAsync(CancellationToken ct = default)
    {
        var year = ShanghaiTime.Today(clock).Year;
        return await db.ProgrammeYears.AsNoTracking().Where(p => p.Year == year)
            .Select(p => new CurrentProgrammeYear(p.Id, p.Year)).FirstOrDefaultAsync(ct);
    }

    /// <summary>The list's sortable columns (name by default).</summary>
    private ListSort<Enterprise> Sorting => new ListSort<Enterprise>("name", e => e.Id)
        .Add("name", e => e.Name)
        .Add("code", e => e.CreditCode)
        // As a number: SQLite keeps decimals as text and cannot order them.
        .Add("output", e => (double)e.AnnualOutputWanYuan)
        .Add("unit", e => db.Organisations.Where(u => u.Id == e.RecommendingUnitId).Select(u => u.Name).FirstOrDefault());

    /// <summary>The enterprises the user may see, narrowed by the filter, in the filter's order, as list rows.</summary>
    public IQueryable<EnterpriseListRow> Search(ClaimsPrincipal user, EnterpriseFilter filter, CurrentProgrammeYear? year) =>
        Rows(Filtered(user, filter, year), year, filter);

    /// <summary>One page of <see cref="Search"/>: counted and paged on the registry's index, rows built for the page only.</summary>
    public Task<PagedList<EnterpriseListRow>> PageAsync(ClaimsPrincipal user, EnterpriseFilter filter, CurrentProgrammeYear? year, CancellationToken ct = default) =>
        PagedList.CreateAsync(Filtered(user, filter, year), filter, page => Rows(page, year, filter), ct);

    /// <summary>The enterprises the user may see, narrowed by the filter, in the filter's order.</summary>
    private IQueryable<Enterprise> Filtered(ClaimsPrincipal user, EnterpriseFilter filter, CurrentProgrammeYear? year)
    {
        var query = db.Organisations.OfType<Enterprise>().AsNoTracking().VisibleTo(user);
        query = query.WhereMatches(filter.Q);
        if (filter.Industry is { } industry)
        {
            query = query.Where(e => e.Industry == industry);
        }
        if (filter.MinOutput is { } min)
        {
            query = query.Where(e => e.AnnualOutputWanYuan >= min);
        }
        if (filter.MaxOutput is { } max)
        {
            query = query.Where(e => e.AnnualOutputWanYuan <= max);
        }
        if (filter.Recommended is { } recommended)
        {
            var recommendedIds = RecommendedThisYear(year);
            query = recommended
                ? query.Where(e => recommendedIds.Contains(e.Id))
                : query.Where(e => !recommendedIds.Contains(e.Id));
        }
        return Sorting.Apply(query, filter);
    }

    /// <summary>
    /// The list rows of the chosen enterprises, in list order. The rows are found again by id so that a page's
    /// lookups (unit name, this year's recommendation) are made for its own rows, not for every row skipped.
    /// </summary>
    private IQueryable<EnterpriseListRow> Rows(IQueryable<Enterprise> chosen, CurrentProgrammeYear? year, EnterpriseFilter filter)
    {
        var yearId = year?.Id ?? Guid.Empty;
        return Sorting.Apply(chosen.Select(c => c.Id)
            .Join(db.Organisations.OfType<Enterprise>().AsNoTracking(), id => id, e => e.Id, (_, e) => e), filter)
            .Select(e => new
            {
                e.Id,
                e.Name,
                e.CreditCode,
                e.Industry,
                e.IndustryTags,
                e.AnnualOutputWanYuan,
                UnitName = db.Organisations.Where(u => u.Id == e.RecommendingUnitId).Select(u => u.Name).FirstOrDefault(),
                e.Address,
                e.ContactName,
                e.ContactPhone,
                e.ContactEmail,
                ThisYear = db.Recommendations.Where(r => r.EnterpriseId == e.Id && r.ProgrammeYearId == yearId)
                    .Select(r => new { r.State, BatchName = r.Batch!.Name }).FirstOrDefault(),
            })
            .Select(r => new EnterpriseListRow(
                r.Id, r.Name, r.CreditCode.Value, r.Industry, r.IndustryTags, r.AnnualOutputWanYuan, r.UnitName ?? "",
                r.Address, r.ContactName, r.ContactPhone, r.ContactEmail,
                r.ThisYear == null ? null : r.ThisYear.State,
                r.ThisYear == null ? null : r.ThisYear.BatchName));
    }

    /// <summary>The enterprises recommended in the year (<see cref="RecommendationRules.CountsAsRecommended"/>).</summary>
    private IQueryable<Guid> RecommendedThisYear(CurrentProgrammeYear? year)
    {
        var yearId = year?.Id ?? Guid.Empty;
        return db.Recommendations.Where(RecommendationRules.CountsAsRecommended).Where(r => r.ProgrammeYearId == yearId).Select(r => r.EnterpriseId);
    }

    /// <summary>An enterprise by id (after its scope was checked): tracked when it is about to change.</summary>
    public Task<Enterprise?> FindAsync(Guid id, bool tracked, CancellationToken ct) =>
        (tracked ? db.Enterprises : db.Enterprises.AsNoTracking()).FirstOrDefaultAsync(e => e.Id == id, ct);

    public async Task<string> UnitNameAsync(Guid unitId, CancellationToken ct) => await choices.UnitNameAsync(unitId, ct) ?? "";

    /// <summary>The active units an enterprise registered in <paramref name="currentUnitId"/> may move to.</summary>
    public async Task<IReadOnlyList<UnitOption>> OtherUnitsAsync(Guid currentUnitId, CancellationToken ct) =>
        await db.RecommendingUnits.AsNoTracking().Where(u => u.IsActive && u.Id != currentUnitId)
            .OrderBy(u => u.Name).Select(u => new UnitOption(u.Id, u.Name)).ToListAsync(ct);

    /// <summary>
    /// Registers a validated form as an enterprise of <paramref name="unitId"/> (always the user's own unit — never a
    /// value from the form). Refused beside the credit code also when another district registered the same code a
    /// moment earlier (the unique index decides).
    /// </summary>
    public async Task<Enterprise> RegisterAsync(EnterpriseForm form, Guid unitId, CancellationToken ct = default)
    {
        var code = await AcceptCreditCodeAsync(form.CreditCode, null, ct);
        var enterprise = Enterprise.Register(Details(form, code), unitId);
        db.Enterprises.Add(enterprise);
        await SaveUnlessCodeTakenAsync(code, exceptEnterpriseId: null, CodeField, ct);
        return enterprise;
    }

    /// <summary>
    /// Applies a validated form to a tracked enterprise, read at <paramref name="form"/>.Version (a missing or stale
    /// version is refused: the 409 page). False when nothing changed (nothing saved).
    /// </summary>
    public async Task<bool> UpdateAsync(Enterprise enterprise, EnterpriseForm form, CancellationToken ct = default)
    {
        var code = await AcceptCreditCodeAsync(form.CreditCode, enterprise.Id, ct);
        db.ExpectVersion(enterprise, form.Version);
        if (!enterprise.ChangeDetails(Details(form, code)))
        {
            return false;
        }
        await SaveUnlessCodeTakenAsync(code, enterprise.Id, CodeField, ct);
        return true;
    }

    /// <summary>
    /// Admin corrects the credit code of an enterprise whose code a district may no longer change (it has been
    /// recommended): the same checks as the registry's (acceptable, held nowhere else in the city) and a reason.
    /// </summary>
    public async Task CorrectCreditCodeAsync(Enterprise enterprise, CreditCodeCorrectionForm form, CancellationToken ct = default)
    {
        const string field = nameof(CreditCodeCorrectionForm.NewCreditCode);
        var code = await ParseCreditCodeAsync(form.NewCreditCode, field, ct);
        db.ExpectVersion(enterprise, form.Version);
        if (code != enterprise.CreditCode)
        {
            await EnsureFreeAsync(code, enterprise.Id, field, ct);
        }
        enterprise.CorrectCreditCode(code, form.Reason ?? string.Empty);
        await SaveUnlessCodeTakenAsync(code, enterprise.Id, field, ct);
    }

    /// <summary>
    /// Admin registers the enterprise in another unit (it moved districts). Refused while the enterprise has a
    /// recommendation this programme year that is not withdrawn: that record belongs to the unit that made it, and
    /// one enterprise is recommended once a year, so the old unit withdraws (or deletes its draft) first. Earlier
    /// years' recommendations stay with the unit that made them.
    /// </summary>
    public async Task MoveToUnitAsync(Enterprise enterprise, EnterpriseMoveForm form, CancellationToken ct = default)
    {
        var target = await db.RecommendingUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == form.RecommendingUnitId, ct)
            ?? throw new DomainException("请选择一个在用的推荐单位。", nameof(EnterpriseMoveForm.RecommendingUnitId));
        db.ExpectVersion(enterprise, form.Version);
        if (target.IsActive && target.Id != enterprise.RecommendingUnitId && await CurrentProgrammeYearAsync(ct) is { } year)
        {
            var current = await db.Recommendations.AsNoTracking()
                .Where(r => r.EnterpriseId == enterprise.Id && r.ProgrammeYearId == year.Id)
                .Where(RecommendationRules.HoldsTheYear)
                .Select(r => new { r.State, Unit = r.RecommendingUnit!.Name }).FirstOrDefaultAsync(ct);
            if (current is not null)
            {
                throw new DomainException(
                    $"该企业{year.Year}年度已有“{current.Unit}”的推荐记录（{current.State.ToChinese()}），须由该单位先撤回推荐（草稿可直接删除），才能变更登记单位。",
                    nameof(EnterpriseMoveForm.RecommendingUnitId));
            }
        }
        var before = await db.RecommendingUnits.Where(u => u.Id == enterprise.RecommendingUnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        enterprise.MoveToUnit(target, before, form.Reason ?? string.Empty);
        await db.SaveChangesAsync(ct);
    }

    public static EnterpriseForm ToForm(Enterprise e) => new()
    {
        Id = e.Id,
        Version = e.Version,
        Name = e.Name,
        CreditCode = e.CreditCode.Value,
        Industry = e.Industry,
        Tags = IndustryTagOptions.Split(e.IndustryTags),
        AnnualOutputWanYuan = e.AnnualOutputWanYuan,
        Address = e.Address,
        ContactName = e.ContactName,
        ContactPhone = e.ContactPhone,
        ContactEmail = e.ContactEmail,
    };

    private static EnterpriseDetails Details(EnterpriseForm form, CreditCode code) => new(
        form.Name, code, form.Industry!.Value, IndustryTagOptions.Join(form.Tags), form.AnnualOutputWanYuan!.Value,
        form.Address, form.ContactName, form.ContactPhone, form.ContactEmail);

    /// <summary>
    /// Saves, or — when another district registered the same code between the check and the save, and the unique index
    /// refused it — refuses with the message naming that unit. Other failures (a concurrent edit of the same record
    /// included) are thrown as they are.
    /// </summary>
    private async Task SaveUnlessCodeTakenAsync(CreditCode code, Guid? exceptEnterpriseId, string field, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // The failed insert/update stays tracked; forget it so the lookup reads only what is committed.
            db.ChangeTracker.Clear();
            var holder = await FindHoldingUnitNameAsync(code, exceptEnterpriseId, ct);
            if (holder is null)
            {
                throw;
            }
            throw new DomainException(HeldByMessage(holder), field);
        }
    }
}
