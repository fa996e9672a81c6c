using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Agencies;

/// <summary>
/// The register of service agencies (docs/domain.md §4.2): municipal agencies (市级服务机构), whose assessments can
/// be redeemed, and district-level agencies (区级服务机构) recommended by a unit. The commission and Admin
/// manage all of them; a district only the district-level ones of its own unit. Also answers which
/// agencies a district may choose when it assigns an assessment.
/// </summary>
public sealed class AgencyRegistry(AppDbContext db, IClock clock, IAuditTrail audit)
{
    public DateOnly Today => ShanghaiTime.Today(clock);

    /// <summary>Commission and Admin manage every agency and choose its level; a district only its own unit's district-level ones.</summary>
    private static bool IsProgrammeManager(ClaimsPrincipal user) => user.IsInRole(Roles.Commission) || user.IsInRole(Roles.Admin);

    /// <summary>The ids among <paramref name="ids"/> the user may manage (the register's edit links), by the agencies' scope.</summary>
    public async Task<IReadOnlySet<Guid>> ManageableAsync(ClaimsPrincipal user, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        (await db.ServiceAgencies.AsNoTracking().EditableBy(user).Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct)).ToHashSet();

    public IQueryable<AgencyListRow> Search(ClaimsPrincipal user, AgencyFilter filter)
    {
        var query = db.ServiceAgencies.AsNoTracking().VisibleTo(user);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var text = filter.Q.Trim();
            var normalised = CreditCode.Normalise(text);
            if (normalised.Length == 18 && normalised.All(c => CreditCode.Alphabet.Contains(c)))
            {
                var code = CreditCode.FromTrusted(normalised);
                query = query.Where(a => a.CreditCode == code || a.Name.Contains(text));
            }
            else
            {
                query = query.Where(a => a.Name.Contains(text));
            }
        }
        if (filter.Level is { } level)
        {
            query = query.Where(a => a.Level == level);
        }
        if (filter.UnitId is { } unitId)
        {
            query = query.Where(a => a.RecommendingUnitId == unitId);
        }
        if (filter.InCatalogue is { } inCatalogue)
        {
            query = query.Where(a => a.InCatalogue == inCatalogue);
        }
        if (filter.ValidToday is { } validToday)
        {
            var today = Today;
            query = validToday
                ? query.Where(a => a.ValidFrom <= today && (a.ValidTo == null || a.ValidTo >= today))
                : query.Where(a => a.ValidFrom > today || (a.ValidTo != null && a.ValidTo < today));
        }
        return query
            .OrderBy(a => a.Level).ThenBy(a => a.Name).ThenBy(a => a.Id)
            .Select(a => new AgencyListRow(
                a.Id, a.Name, a.CreditCode.Value, a.Level, a.RecommendingUnitId, a.RecommendingUnit!.Name,
                a.InCatalogue, a.ValidFrom, a.ValidTo, a.IsActive, a.ContactName, a.ContactPhone));
    }

    public async Task<IReadOnlyList<AgencyUnitChoice>> UnitsAsync(CancellationToken ct = default) =>
        await db.RecommendingUnits.AsNoTracking().OrderBy(u => u.SortOrder)
            .Select(u => new AgencyUnitChoice(u.Id, u.Name)).ToListAsync(ct);

    public Task<string?> UnitNameAsync(Guid? unitId, CancellationToken ct = default) =>
        unitId is null
            ? Task.FromResult<string?>(null)
            : db.RecommendingUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Reads a credit code the way the portal accepts it (CreditCode.TryParse's own message on failure;
    /// a code Admin registered as a named legacy exception is accepted) and checks it is not already
    /// registered for another agency.
    /// </summary>
    public async Task<(CreditCode? Code, string? Error)> CheckCreditCodeAsync(string? input, Guid? exceptAgencyId, CancellationToken ct = default)
    {
        if (!CreditCode.TryParse(input, out var code, out var error))
        {
            var normalised = CreditCode.Normalise(input);
            var registered = new List<string>();
            if (normalised.Length == 18 && normalised.All(c => CreditCode.Alphabet.Contains(c))
                && await db.CreditCodeExceptions.AnyAsync(x => x.Code == CreditCode.FromRegisteredException(normalised), ct))
            {
                registered.Add(normalised);
            }
            if (!CreditCodeExceptions.TryAccept(input, registered, out code, out var acceptError))
            {
                return (null, acceptError ?? error);
            }
        }
        var holder = await HolderNameAsync(code!, exceptAgencyId, ct);
        return holder is null ? (code, null) : (null, DuplicateMessage(holder));
    }

    public static string DuplicateMessage(string holderName) =>
        $"该统一社会信用代码已登记为服务机构“{holderName}”，同一机构不能重复登记。";

    private Task<string?> HolderNameAsync(CreditCode code, Guid? exceptAgencyId, CancellationToken ct) =>
        db.ServiceAgencies.AsNoTracking().Where(a => a.CreditCode == code && a.Id != exceptAgencyId)
            .Select(a => a.Name).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Registers an agency from a validated form. A district's agency is always district-level, of its
    /// own unit, and not in the catalogue, whatever was posted. Returns the agency, or the Chinese
    /// reasons nothing was written (field name → message).
    /// </summary>
    public async Task<(ServiceAgency? Agency, IReadOnlyList<(string Field, string Message)> Errors)> CreateAsync(
        AgencyForm form, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var (level, unitId, inCatalogue) = ResolveLevel(form, user, current: null);
        var errors = new List<(string, string)>();
        var (code, codeError) = await CheckCreditCodeAsync(form.CreditCode, null, ct);
        if (codeError is not null)
        {
            errors.Add((nameof(AgencyForm.CreditCode), codeError));
        }
        if (unitId is not null && !await db.RecommendingUnits.AnyAsync(u => u.Id == unitId, ct))
        {
            errors.Add((nameof(AgencyForm.RecommendingUnitId), "所选推荐单位不存在。"));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        ServiceAgency agency;
        try
        {
            agency = new ServiceAgency(form.Name!, code!, level, unitId, form.ValidFrom!.Value, form.ValidTo, inCatalogue);
            agency.SetContact(form.ContactName, form.ContactPhone, form.ContactEmail);
        }
        catch (DomainException e)
        {
            return (null, [(string.Empty, e.Message)]);
        }
        db.ServiceAgencies.Add(agency);
        audit.Record(AuditAction.AgencyRegistered, nameof(ServiceAgency), agency.Id, null, await DescribeAsync(agency, ct));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Someone registered the same code in between: the unique index refused the row.
            db.ChangeTracker.Clear();
            var holder = await HolderNameAsync(code!, null, ct);
            if (holder is null)
            {
                throw;
            }
            return (null, [(nameof(AgencyForm.CreditCode), DuplicateMessage(holder))]);
        }
        return (agency, []);
    }

    /// <summary>
    /// Applies a validated form to a tracked agency the user may manage. <paramref name="form"/>.Version is
    /// the token the form was read with: a save in between makes SaveChanges throw (the 409 page).
    /// </summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> UpdateAsync(
        ServiceAgency agency, AgencyForm form, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var (level, unitId, inCatalogue) = ResolveLevel(form, user, agency);
        var errors = new List<(string, string)>();
        var (code, codeError) = await CheckCreditCodeAsync(form.CreditCode, agency.Id, ct);
        if (codeError is not null)
        {
            errors.Add((nameof(AgencyForm.CreditCode), codeError));
        }
        if (unitId is not null && unitId != agency.RecommendingUnitId && !await db.RecommendingUnits.AnyAsync(u => u.Id == unitId, ct))
        {
            errors.Add((nameof(AgencyForm.RecommendingUnitId), "所选推荐单位不存在。"));
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        db.Entry(agency).Property(a => a.Version).OriginalValue = form.Version;
        var before = await DescribeAsync(agency, ct);
        try
        {
            // A refusal part-way leaves the tracked record changed in memory only: nothing is saved.
            agency.Rename(form.Name!);
            if (agency.CreditCode != code)
            {
                agency.CorrectCreditCode(code!);
            }
            agency.SetLevel(level, unitId);
            agency.SetCatalogue(inCatalogue);
            agency.SetValidity(form.ValidFrom!.Value, form.ValidTo);
            agency.SetContact(form.ContactName, form.ContactPhone, form.ContactEmail);
        }
        catch (DomainException e)
        {
            return [(string.Empty, e.Message)];
        }
        var after = await DescribeAsync(agency, ct);
        if (before == after)
        {
            return [];
        }
        audit.Record(AuditAction.AgencyChanged, nameof(ServiceAgency), agency.Id, before, after);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var holder = await HolderNameAsync(code!, agency.Id, ct);
            if (holder is null)
            {
                throw;
            }
            return [(nameof(AgencyForm.CreditCode), DuplicateMessage(holder))];
        }
        return [];
    }

    /// <summary>
    /// Level, unit and catalogue flag to save. A district's choice is fixed (district-level, its own unit
    /// from its account, never a posted id) and the catalogue flag stays as it was: listing in the
    /// recommended catalogue is the commission's decision.
    /// </summary>
    private static (AgencyLevel Level, Guid? UnitId, bool InCatalogue) ResolveLevel(AgencyForm form, ClaimsPrincipal user, ServiceAgency? current)
    {
        if (!IsProgrammeManager(user))
        {
            return (AgencyLevel.District, user.RequireOrganisationId(), current?.InCatalogue ?? false);
        }
        var level = form.Level ?? AgencyLevel.Municipal;
        return (level, level == AgencyLevel.District ? form.RecommendingUnitId : null, form.InCatalogue);
    }

    public static AgencyForm ToForm(ServiceAgency a) => new()
    {
        Id = a.Id,
        Version = a.Version,
        Name = a.Name,
        CreditCode = a.CreditCode.Value,
        Level = a.Level,
        RecommendingUnitId = a.RecommendingUnitId,
        InCatalogue = a.InCatalogue,
        ValidFrom = a.ValidFrom,
        ValidTo = a.ValidTo,
        ContactName = a.ContactName,
        ContactPhone = a.ContactPhone,
        ContactEmail = a.ContactEmail,
    };

    /// <summary>"2025-12-31" or "长期".</summary>
    /// <summary>The record as one line for the audit trail's before/after.</summary>
    private async Task<string> DescribeAsync(ServiceAgency a, CancellationToken ct)
    {
        var unit = await UnitNameAsync(a.RecommendingUnitId, ct);
        return string.Join("｜",
            a.Name,
            a.CreditCode.Value,
            a.Level.ToChinese() + (unit is null ? "" : $"（{unit}推荐）"),
            a.InCatalogue ? "列入推荐目录" : "未列入推荐目录",
            "有效期 " + AgencyText.Validity(a.ValidFrom, a.ValidTo),
            string.Join(" ", new[] { a.ContactName, a.ContactPhone, a.ContactEmail }.Where(s => !string.IsNullOrEmpty(s))));
    }
}
