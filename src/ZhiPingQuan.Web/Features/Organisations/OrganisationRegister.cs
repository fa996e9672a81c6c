using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Organisations;

/// <summary>
/// Admin's register of organisations (单位管理, docs/domain.md §1). The rules are the domain's (<see cref="Organisation"/>
/// and its kinds), and so are the audit lines (their events): this class loads, calls the domain and saves. Refusals are
/// <see cref="DomainException"/>s (naming the field when there is one); a change needs the version the page was read at
/// (missing or stale: 409). Nothing is saved then.
/// </summary>
public sealed class OrganisationRegister(AppDbContext db, AccountDirectory accounts, PortalSessions sessions)
{
    public const string OwnOrganisationMessage = "不能停用您自己所属的单位。";

    public async Task<OrganisationListModel> PageAsync(string? q, OrganisationKind? kind, int page, CancellationToken ct)
    {
        var query = db.Organisations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.Where(o => o.Name.Contains(q.Trim()));
        }
        if (kind is not null)
        {
            query = query.Where(o => o.Kind == kind);
        }
        var rows = query
            .OrderBy(o => o.Kind)
            .ThenBy(o => o is RecommendingUnit ? ((RecommendingUnit)o).SortOrder : 0)
            .ThenBy(o => o.Name)
            .Select(o => new OrganisationRow(o.Id, o.Name, o.Kind, o.IsActive,
                o is RecommendingUnit ? ((RecommendingUnit)o).Code : null,
                db.Users.Count(u => u.OrganisationId == o.Id)));
        return new OrganisationListModel { Query = q, Kind = kind, Organisations = await PagedList.CreateAsync(rows, page, ct: ct) };
    }

    public async Task<OrganisationDetailsModel?> DetailsAsync(Guid id, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
        {
            return null;
        }
        var unitId = organisation switch
        {
            Enterprise e => e.RecommendingUnitId,
            ServiceAgency a => a.RecommendingUnitId,
            _ => null,
        };
        return new OrganisationDetailsModel
        {
            Organisation = organisation,
            Users = (await accounts.SearchAsync(null, null, id, 1, ct)).Items,
            UnitName = unitId is null ? null : await db.Organisations.Where(o => o.Id == unitId).Select(o => o.Name).FirstOrDefaultAsync(ct),
        };
    }

    public async Task<IReadOnlyList<UnitChoice>> UnitsAsync(CancellationToken ct) =>
        await db.Organisations.OfType<RecommendingUnit>().OrderBy(u => u.SortOrder).Select(u => new UnitChoice(u.Id, u.Name)).ToListAsync(ct);

    /// <summary>Enters a new organisation of the form's kind in the register (a validated form: only its kind's fields are read).</summary>
    public async Task<Organisation> CreateAsync(OrganisationForm form, CancellationToken ct)
    {
        var organisation = await BuildAsync(form, ct);
        organisation.EnterInRegister();
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        return organisation;
    }

    private async Task<Organisation> BuildAsync(OrganisationForm form, CancellationToken ct)
    {
        switch (form.Kind)
        {
            case OrganisationKind.RecommendingUnit:
                return new RecommendingUnit(form.Name, form.UnitCode, form.SortOrder);
            case OrganisationKind.Enterprise:
            {
                var code = CreditCode.Parse(form.CreditCode);
                var holder = await db.Organisations.OfType<Enterprise>().Where(e => e.CreditCode == code)
                    .Select(e => db.Organisations.Where(u => u.Id == e.RecommendingUnitId).Select(u => u.Name).FirstOrDefault())
                    .FirstOrDefaultAsync(ct);
                if (holder is not null)
                {
                    throw new DomainException($"该统一社会信用代码已由{holder}登记，不能重复登记。", nameof(form.CreditCode));
                }
                await EnsureUnitAsync(form.RecommendingUnitId, ct);
                return new Enterprise(form.Name, code, form.Industry!.Value, form.AnnualOutputWanYuan!.Value, form.RecommendingUnitId!.Value);
            }
            case OrganisationKind.Agency:
            {
                var code = CreditCode.Parse(form.CreditCode);
                if (await db.Organisations.OfType<ServiceAgency>().AnyAsync(a => a.CreditCode == code, ct))
                {
                    throw new DomainException("该统一社会信用代码已登记为服务机构。", nameof(form.CreditCode));
                }
                var unitId = form.AgencyLevel == AgencyLevel.District ? form.RecommendingUnitId : null;
                if (unitId is not null)
                {
                    await EnsureUnitAsync(unitId, ct);
                }
                return new ServiceAgency(form.Name, code, form.AgencyLevel!.Value, unitId, form.ValidFrom!.Value, form.ValidTo, form.InCatalogue);
            }
            default:
                return new Organisation(form.Name, form.Kind);
        }
    }

    private async Task EnsureUnitAsync(Guid? id, CancellationToken ct)
    {
        if (!await db.Organisations.OfType<RecommendingUnit>().AnyAsync(u => u.Id == id, ct))
        {
            throw new DomainException("所选推荐单位不存在。", nameof(OrganisationForm.RecommendingUnitId));
        }
    }

    /// <summary>Renames an organisation; false when the name stays (nothing saved).</summary>
    public async Task<bool> RenameAsync(Guid id, Guid? version, string? name, CancellationToken ct)
    {
        var organisation = await db.Organisations.FirstAsync(o => o.Id == id, ct);
        db.ExpectVersion(organisation, version);
        if (!organisation.RenameInRegister(name ?? string.Empty))
        {
            return false;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Activates or deactivates an organisation (never the acting user's own: it would lock them out).</summary>
    public async Task SetActiveAsync(Guid id, Guid? version, bool active, Guid? ownOrganisationId, CancellationToken ct)
    {
        var organisation = await db.Organisations.FirstAsync(o => o.Id == id, ct);
        if (!active && organisation.Id == ownOrganisationId)
        {
            throw new DomainException(OwnOrganisationMessage);
        }
        db.ExpectVersion(organisation, version);
        if (organisation.IsActive == active)
        {
            return;
        }
        // The change and the end of its people's sessions commit together: never an inactive organisation whose
        // people are still signed in (until the minute's security-stamp check), nor sessions ended for nothing.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (active)
        {
            organisation.Activate();
        }
        else
        {
            organisation.Deactivate();
        }
        await db.SaveChangesAsync(ct);
        if (!active)
        {
            // Its people are signed out at their next request (the session check reads the session row alone).
            await sessions.RevokeOrganisationAsync(organisation.Id, PortalSessions.OrganisationDeactivated, ct);
        }
        await tx.CommitAsync(ct);
    }
}
