using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Seeding;

/// <summary>
/// The demo's history as the demo tells it. A seeder takes its steps with the dates of a programme that ran in the past
/// (recommended on 5 September 2023, assessed the day after, …); after each step it calls <see cref="AsAsync"/>, which
/// writes the step's history lines now — through the same event handlers as a request — as the officer who took it, at
/// the step's moment (<see cref="HistoryReplay"/>). The save that follows stores them with the records. A step not
/// followed by this call is written at the save, as "系统" at the time of seeding.
/// </summary>
public sealed class DemoHistory(AppDbContext db, IDomainEventDispatcher events, HistoryReplay replay)
{
    private readonly Dictionary<OrganisationKind, Guid> _single = [];

    /// <param name="officer">As the demo names its people: "李科长（浦东新区）".</param>
    public async Task AsAsync(string officer, DateTime atUtc, CancellationToken ct, Guid? organisationId = null)
    {
        replay.Begin(HistoryReplay.Step.Of(officer, atUtc, organisationId));
        try
        {
            await events.DispatchAsync(db, ct);
        }
        finally
        {
            replay.End();
        }
    }

    /// <summary>As an officer of the commission.</summary>
    public async Task AsCommissionAsync(string officer, DateTime atUtc, CancellationToken ct) =>
        await AsAsync(officer, atUtc, ct, await OnlyAsync(OrganisationKind.Commission, ct));

    /// <summary>As a reviewer of the third party.</summary>
    public async Task AsThirdPartyAsync(string officer, DateTime atUtc, CancellationToken ct) =>
        await AsAsync(officer, atUtc, ct, await OnlyAsync(OrganisationKind.ThirdParty, ct));

    private async Task<Guid> OnlyAsync(OrganisationKind kind, CancellationToken ct)
    {
        if (!_single.TryGetValue(kind, out var id))
        {
            _single[kind] = id = await db.Organisations.Where(o => o.Kind == kind).Select(o => o.Id).FirstAsync(ct);
        }
        return id;
    }
}
