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

namespace ZhiPingQuan.Web.Features.Enterprises;

/// <summary>A credit code as typed, checked: the code when acceptable, otherwise the Chinese reason.</summary>
public sealed record CreditCodeCheck(CreditCode? Code, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>The programme year "this year" refers to in the registry.</summary>
public sealed record CurrentProgrammeYear(Guid Id, int Year);

/// <summary>
/// The enterprise registry's rules that more than one screen needs (the district's form, the batch
/// list upload): reading a credit code the way the portal accepts it, finding which unit already holds
/// a code anywhere in the city, and the filtered list. Registration and edits of one enterprise are
/// here too, so the audit trail is written the same way wherever they happen.
/// </summary>
public sealed class EnterpriseRegistry(AppDbContext db, IClock clock, IAuditTrail audit)
{
    /// <summary>States in which an enterprise counts as recommended for the year.</summary>
    public static readonly RecommendationState[] RecommendedStates =
        [RecommendationState.Recommended, RecommendationState.Assessed, RecommendationState.Listed];

    /// <summary>"该统一社会信用代码已由浦东新区登记。" — names the holding unit and nothing else about the record.</summary>
    public static string HeldByMessage(string unitName) => $"该统一社会信用代码已由{unitName}登记。";

    public const string CodeLockedMessage = "该企业已被推荐，统一社会信用代码不能再由推荐单位修改；如需更正，请联系系统管理员。";

    /// <summary>
    /// Normalises (trim, upper-case, full-width → half-width) and verifies the check character; a code
    /// that fails the check is still accepted when Admin registered it as a named exception.
    /// The error is CreditCode.TryParse's own message.
    /// </summary>
    public async Task<CreditCodeCheck> ParseCreditCodeAsync(string? input, CancellationToken ct = default)
    {
        if (CreditCode.TryParse(input, out var code, out var error))
        {
            return new CreditCodeCheck(code, null);
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
            ? new CreditCodeCheck(code, null)
            : new CreditCodeCheck(null, acceptError ?? error);
    }

    /// <summary>
    /// The name of the unit in which an enterprise with this code is registered, anywhere in the city;
    /// null when the code is free. <paramref name="exceptEnterpriseId"/> leaves out the enterprise being edited.
    /// </summary>
    public Task<string?> FindHoldingUnitNameAsync(CreditCode code, Guid? exceptEnterpriseId = null, CancellationToken ct = default) =>
        db.Organisations.OfType<Enterprise>().AsNoTracking()
            .Where(e => e.CreditCode == code && e.Id != exceptEnterpriseId)
            .Select(e => db.Organisations.Where(u => u.Id == e.RecommendingUnitId).Select(u => u.Name).FirstOrDefault() ?? "其他推荐单位")
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// Everything the form checks about a credit code: acceptable, not registered elsewhere in the city,
    /// and — when editing — not changed any more once the enterprise has been recommended.
    /// </summary>
    public async Task<CreditCodeCheck> CheckCreditCodeAsync(string? input, Guid? enterpriseId, CancellationToken ct = default)
    {
        var parsed = await ParseCreditCodeAsync(input, ct);
        if (!parsed.IsValid)
        {
            return parsed;
        }
        var holder = await FindHoldingUnitNameAsync(parsed.Code!, enterpriseId, ct);
        if (holder is not null)
        {
            return new CreditCodeCheck(null, HeldByMessage(holder));
        }
        if (enterpriseId is { } id)
        {
            var current = await db.Organisations.OfType<Enterprise>().AsNoTracking().Where(e => e.Id == id)
                .Select(e => e.CreditCode).FirstOrDefaultAsync(ct);
            if (current is not null && current != parsed.Code
                && await db.Recommendations.AnyAsync(r => r.EnterpriseId == id && r.State != RecommendationState.Draft, ct))
            {
                return new CreditCodeCheck(null, CodeLockedMessage);
            }
        }
        return parsed;
    }

    /// <summary>The programme year of the current Shanghai calendar year, if the commission has set it up.</summary>
    public async Task<CurrentProgrammeYear?> CurrentProgrammeYearAsync(CancellationToken ct = default)
    {
        var year = ShanghaiTime.Today(clock).Year;
        return await db.ProgrammeYears.AsNoTracking().Where(p => p.Year == year)
            .Select(p => new CurrentProgrammeYear(p.Id, p.Year)).FirstOrDefaultAsync(ct);
    }

    /// <summary>The enterprises the user may see, narrowed by the filter, ordered by name, as list rows.</summary>
    public IQueryable<EnterpriseListRow> Search(ClaimsPrincipal user, EnterpriseFilter filter, CurrentProgrammeYear? year) =>
        Rows(Filtered(user, filter, year), year);

    /// <summary>One page of <see cref="Search"/>: counted and paged on the registry's index, rows built for the page only.</summary>
    public Task<PagedList<EnterpriseListRow>> PageAsync(ClaimsPrincipal user, EnterpriseFilter filter, CurrentProgrammeYear? year, CancellationToken ct = default) =>
        PagedList.CreateAsync(Filtered(user, filter, year), filter.Page, page => Rows(page, year), ct: ct);

    /// <summary>The enterprises the user may see, narrowed by the filter, ordered by name.</summary>
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
        var yearId = year?.Id ?? Guid.Empty;
        if (filter.Recommended is { } recommended)
        {
            query = recommended
                ? query.Where(e => db.Recommendations.Any(r => r.EnterpriseId == e.Id && r.ProgrammeYearId == yearId && RecommendedStates.Contains(r.State)))
                : query.Where(e => !db.Recommendations.Any(r => r.EnterpriseId == e.Id && r.ProgrammeYearId == yearId && RecommendedStates.Contains(r.State)));
        }
        return query.OrderBy(e => e.Name).ThenBy(e => e.Id);
    }

    /// <summary>
    /// The list rows of the chosen enterprises, in list order. The rows are found again by id so that a page's
    /// lookups (unit name, this year's recommendation) are made for its own rows, not for every row skipped.
    /// </summary>
    private IQueryable<EnterpriseListRow> Rows(IQueryable<Enterprise> chosen, CurrentProgrammeYear? year)
    {
        var yearId = year?.Id ?? Guid.Empty;
        return chosen.Select(c => c.Id)
            .Join(db.Organisations.OfType<Enterprise>().AsNoTracking(), id => id, e => e.Id, (_, e) => e)
            .OrderBy(e => e.Name).ThenBy(e => e.Id)
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

    /// <summary>
    /// Registers a validated form as an enterprise of <paramref name="unitId"/> (always the user's own
    /// unit — never a value from the form). Returns the credit-code message instead when another
    /// district registered the same code a moment earlier (the unique index decides).
    /// </summary>
    public async Task<(Enterprise? Enterprise, string? CreditCodeError)> RegisterAsync(EnterpriseForm form, Guid unitId, CancellationToken ct = default)
    {
        var check = await CheckCreditCodeAsync(form.CreditCode, null, ct);
        if (!check.IsValid)
        {
            return (null, check.Error);
        }
        var enterprise = new Enterprise(form.Name, check.Code!, form.Industry!.Value, form.AnnualOutputWanYuan!.Value, unitId);
        enterprise.SetIndustry(form.Industry.Value, IndustryTagOptions.Join(form.Tags));
        enterprise.SetContact(form.Address, form.ContactName, form.ContactPhone, form.ContactEmail);
        db.Organisations.Add(enterprise);
        audit.Record(AuditAction.EnterpriseRegistered, nameof(Enterprise), enterprise.Id, null, Describe(enterprise));
        var heldBy = await SaveUnlessCodeTakenAsync(check.Code!, exceptEnterpriseId: null, ct);
        return heldBy is null ? (enterprise, null) : (null, heldBy);
    }

    /// <summary>
    /// Applies a validated form to a tracked enterprise. <paramref name="form"/>.Version is the token the
    /// form was read with: when someone saved in between, SaveChanges throws DbUpdateConcurrencyException
    /// (the 409 page) and nothing changes.
    /// </summary>
    public async Task<string?> UpdateAsync(Enterprise enterprise, EnterpriseForm form, CancellationToken ct = default)
    {
        var check = await CheckCreditCodeAsync(form.CreditCode, enterprise.Id, ct);
        if (!check.IsValid)
        {
            return check.Error;
        }
        db.Entry(enterprise).Property(e => e.Version).OriginalValue = form.Version;
        var before = Describe(enterprise);
        // The domain checks each value before it changes anything (refused input leaves the record as it was).
        enterprise.Rename(form.Name);
        if (enterprise.CreditCode != check.Code)
        {
            enterprise.CorrectCreditCode(check.Code!);
        }
        enterprise.SetIndustry(form.Industry!.Value, IndustryTagOptions.Join(form.Tags));
        enterprise.SetAnnualOutput(form.AnnualOutputWanYuan!.Value);
        enterprise.SetContact(form.Address, form.ContactName, form.ContactPhone, form.ContactEmail);
        var after = Describe(enterprise);
        if (before == after)
        {
            // Nothing changed: nothing to save or record.
            return null;
        }
        audit.Record(AuditAction.EnterpriseChanged, nameof(Enterprise), enterprise.Id, before, after);
        return await SaveUnlessCodeTakenAsync(check.Code!, enterprise.Id, ct);
    }

    /// <summary>
    /// Admin corrects the credit code of an enterprise whose code a district may no longer change (it has
    /// been recommended). The same checks as the registry's (acceptable, held nowhere else in the city), a
    /// reason, and an audit entry with the old and new code. Returns the Chinese reason when refused.
    /// </summary>
    public async Task<string?> CorrectCreditCodeAsync(Enterprise enterprise, CreditCodeCorrectionForm form, CancellationToken ct = default)
    {
        var parsed = await ParseCreditCodeAsync(form.NewCreditCode, ct);
        if (!parsed.IsValid)
        {
            return parsed.Error;
        }
        if (parsed.Code == enterprise.CreditCode)
        {
            return "新的统一社会信用代码与现有代码相同，无需更正。";
        }
        var holder = await FindHoldingUnitNameAsync(parsed.Code!, enterprise.Id, ct);
        if (holder is not null)
        {
            return HeldByMessage(holder);
        }
        db.Entry(enterprise).Property(e => e.Version).OriginalValue = form.Version;
        var before = enterprise.CreditCode.Value;
        enterprise.CorrectCreditCode(parsed.Code!);
        audit.Record(AuditAction.EnterpriseCreditCodeCorrected, nameof(Enterprise), enterprise.Id, before, enterprise.CreditCode.Value,
            $"{enterprise.Name}；原因：{form.Reason!.Trim()}");
        return await SaveUnlessCodeTakenAsync(parsed.Code!, enterprise.Id, ct);
    }

    /// <summary>
    /// Admin registers the enterprise in another unit (it moved districts). Refused while the enterprise has
    /// a recommendation this programme year that is not withdrawn: that record belongs to the unit that made
    /// it, and one enterprise is recommended once a year, so the old unit withdraws (or deletes its draft)
    /// first. Earlier years' recommendations stay with the unit that made them.
    /// </summary>
    public async Task<string?> MoveToUnitAsync(Enterprise enterprise, EnterpriseMoveForm form, CancellationToken ct = default)
    {
        var target = await db.RecommendingUnits.AsNoTracking().Where(u => u.Id == form.RecommendingUnitId)
            .Select(u => new { u.Id, u.Name, u.IsActive }).FirstOrDefaultAsync(ct);
        if (target is null || !target.IsActive)
        {
            return "请选择一个在用的推荐单位。";
        }
        if (target.Id == enterprise.RecommendingUnitId)
        {
            return $"该企业已登记在{target.Name}，无需变更。";
        }
        var year = await CurrentProgrammeYearAsync(ct);
        if (year is not null)
        {
            var current = await db.Recommendations.AsNoTracking()
                .Where(r => r.EnterpriseId == enterprise.Id && r.ProgrammeYearId == year.Id && r.State != RecommendationState.Withdrawn)
                .Select(r => new { r.State, Unit = r.RecommendingUnit!.Name }).FirstOrDefaultAsync(ct);
            if (current is not null)
            {
                return $"该企业{year.Year}年度已有“{current.Unit}”的推荐记录（{current.State.ToChinese()}），须由该单位先撤回推荐（草稿可直接删除），才能变更登记单位。";
            }
        }
        db.Entry(enterprise).Property(e => e.Version).OriginalValue = form.Version;
        var before = await db.RecommendingUnits.Where(u => u.Id == enterprise.RecommendingUnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        enterprise.MoveToUnit(target.Id);
        audit.Record(AuditAction.EnterpriseUnitChanged, nameof(Enterprise), enterprise.Id, before, target.Name, $"{enterprise.Name}（{enterprise.CreditCode}）；原因：{form.Reason!.Trim()}");
        await db.SaveChangesAsync(ct);
        return null;
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

    /// <summary>The record as one line for the audit trail's before/after.</summary>
    public static string Describe(Enterprise e) => string.Join("｜",
        e.Name,
        e.CreditCode.Value,
        e.Industry.ToChinese() + (e.IndustryTags is null ? "" : $"（{e.IndustryTags}）"),
        e.AnnualOutputWanYuan.ToString("0.00", CultureInfo.InvariantCulture) + "万元",
        e.Address ?? "",
        string.Join(" ", new[] { e.ContactName, e.ContactPhone, e.ContactEmail }.Where(s => !string.IsNullOrEmpty(s))));

    /// <summary>
    /// Saves, or — when another district registered the same code between the check and the save, and the
    /// unique index refused it — returns the message naming that unit. Other failures (a concurrent edit
    /// of the same record included) are thrown as they are.
    /// </summary>
    private async Task<string?> SaveUnlessCodeTakenAsync(CreditCode code, Guid? exceptEnterpriseId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
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
            return HeldByMessage(holder);
        }
    }
}
