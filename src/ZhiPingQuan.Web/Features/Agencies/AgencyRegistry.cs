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
/// agencies a district may choose when it assigns an assessment. The rules and the audit lines are the domain's
/// (<see cref="ServiceAgency"/> and its events); refusals are <see cref="DomainException"/>s naming the form's field, and
/// a missing or stale version is refused (409).
/// </summary>
public sealed class AgencyRegistry(AppDbContext db, IClock clock, ProgrammeChoices choices)
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
            var validOnToday = ServiceAgencyRules.ValidOn.For(Today);
            query = validToday ? query.Where(validOnToday) : query.WhereNot(validOnToday);
        }
        return query
            .OrderBy(a => a.Level).ThenBy(a => a.Name).ThenBy(a => a.Id)
            .Select(a => new AgencyListRow(
                a.Id, a.Name, a.CreditCode.Value, a.Level, a.RecommendingUnitId, a.RecommendingUnit!.Name,
                a.InCatalogue, a.ValidFrom, a.ValidTo, a.IsActive, a.ContactName, a.ContactPhone));
    }

    public Task<IReadOnlyList<Choice>> UnitsAsync(CancellationToken ct = default) => choices.UnitsAsync(ct);

    public Task<string?> UnitNameAsync(Guid? unitId, CancellationToken ct = default) =>
        unitId is { } id ? choices.UnitNameAsync(id, ct) : Task.FromResult<string?>(null);

    /// <summary>An agency by id (after its scope was checked): tracked when it is about to change.</summary>
    public Task<ServiceAgency?> FindAsync(Guid id, bool tracked, CancellationToken ct) =>
        (tracked ? db.ServiceAgencies : db.ServiceAgencies.AsNoTracking()).FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>The agency's staff accounts, by name.</summary>
    public async Task<IReadOnlyList<AgencyStaffRow>> StaffAsync(Guid agencyId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.OrganisationId == agencyId).OrderBy(u => u.DisplayName)
            .Select(u => new AgencyStaffRow(u.Id, u.DisplayName, u.Email ?? "", u.LastSignInAtUtc)).ToListAsync(ct);

    /// <summary>The agency's last 50 audit lines, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(Guid agencyId, CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking().Where(a => a.RecordType == nameof(ServiceAgency) && a.RecordId == agencyId)
            .OrderByDescending(a => a.AtUtc).Take(50).ToListAsync(ct);

    /// <summary>
    /// Reads a credit code the way the portal accepts it (refused with CreditCode.TryParse's own message; a code Admin
    /// registered as a named legacy exception is accepted) and refuses it when it is registered for another agency.
    /// </summary>
    public async Task<CreditCode> AcceptCreditCodeAsync(string? input, Guid? exceptAgencyId, CancellationToken ct = default)
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
                throw new DomainException(acceptError ?? error!, CodeField);
            }
        }
        if (await HolderNameAsync(code!, exceptAgencyId, ct) is { } holder)
        {
            throw new DomainException(DuplicateMessage(holder), CodeField);
        }
        return code!;
    }

    private const string CodeField = nameof(AgencyForm.CreditCode);

    public static string DuplicateMessage(string holderName) =>
        $"该统一社会信用代码已登记为服务机构“{holderName}”，同一机构不能重复登记。";

    private Task<string?> HolderNameAsync(CreditCode code, Guid? exceptAgencyId, CancellationToken ct) =>
        db.ServiceAgencies.AsNoTracking().Where(a => a.CreditCode == code && a.Id != exceptAgencyId)
            .Select(a => a.Name).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Registers an agency from a validated form. A district's agency is always district-level, of its own unit, and
    /// not in the catalogue, whatever was posted.
    /// </summary>
    public async Task<ServiceAgency> CreateAsync(AgencyForm form, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var (level, unitId, inCatalogue) = ResolveLevel(form, user, current: null);
        var code = await AcceptCreditCodeAsync(form.CreditCode, null, ct);
        var unitName = await ExistingUnitNameAsync(unitId, ct);
        var agency = ServiceAgency.Register(Details(form, code, level, unitId, inCatalogue), unitName);
        db.ServiceAgencies.Add(agency);
        await SaveUnlessCodeTakenAsync(code, null, ct);
        return agency;
    }

    /// <summary>
    /// Applies a validated form to a tracked agency the user may manage, read at <paramref name="form"/>.Version (a
    /// missing or stale version is refused: the 409 page). False when nothing changed (nothing saved).
    /// </summary>
    public async Task<bool> UpdateAsync(ServiceAgency agency, AgencyForm form, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var (level, unitId, inCatalogue) = ResolveLevel(form, user, agency);
        var code = await AcceptCreditCodeAsync(form.CreditCode, agency.Id, ct);
        var unitName = await ExistingUnitNameAsync(unitId, ct);
        db.ExpectVersion(agency, form.Version);
        var unitBefore = await UnitNameAsync(agency.RecommendingUnitId, ct);
        if (!agency.ChangeDetails(Details(form, code, level, unitId, inCatalogue), unitBefore, unitName))
        {
            return false;
        }
        await SaveUnlessCodeTakenAsync(code, agency.Id, ct);
        return true;
    }

    /// <summary>The name of the chosen unit; refused when a unit was chosen that does not exist.</summary>
    private async Task<string?> ExistingUnitNameAsync(Guid? unitId, CancellationToken ct) =>
        unitId is null ? null
        : await UnitNameAsync(unitId, ct) ?? throw new DomainException("所选推荐单位不存在。", nameof(AgencyForm.RecommendingUnitId));

    private static AgencyDetails Details(AgencyForm form, CreditCode code, AgencyLevel level, Guid? unitId, bool inCatalogue) =>
        new(form.Name!, code, level, unitId, inCatalogue, form.ValidFrom!.Value, form.ValidTo, form.ContactName, form.ContactPhone, form.ContactEmail);

    /// <summary>Saves, or — when someone registered the same code in between and the unique index refused it — refuses beside the code.</summary>
    private async Task SaveUnlessCodeTakenAsync(CreditCode code, Guid? exceptAgencyId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var holder = await HolderNameAsync(code, exceptAgencyId, ct);
            if (holder is null)
            {
                throw;
            }
            throw new DomainException(DuplicateMessage(holder), CodeField);
        }
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
}
