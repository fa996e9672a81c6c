using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Web.Data;

/// <summary>
/// Handles one kind of domain event inside the save that commits it: whatever it adds to or changes in
/// the same <see cref="AppDbContext"/> is committed — or rolled back — with the transition. Handlers are
/// registered by the part of the portal they belong to (the audit trail, a feature's notices, an effect on
/// another record); a handler may change other records, whose own events are dispatched in turn.
/// A handler that throws a <see cref="DomainException"/> refuses the whole save.
/// </summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken ct);
}

/// <summary>Hands each pending event of the tracked records to its handlers, before the save.</summary>
public interface IDomainEventDispatcher
{
    Task DispatchAsync(AppDbContext db, CancellationToken ct);
}

public sealed class DomainEventDispatcher(IServiceProvider services) : IDomainEventDispatcher
{
    // A handler that changes another record makes new events; more rounds than this means two handlers feed each other.
    private const int MaxRounds = 8;

    public async Task DispatchAsync(AppDbContext db, CancellationToken ct)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var events = db.ChangeTracker.Entries<Entity>()
                .SelectMany(e => e.Entity.TakeEvents())
                .ToList();
            if (events.Count == 0)
            {
                return;
            }
            foreach (var domainEvent in events)
            {
                var handlerType = typeof(IDomainEventHandler<>).MakeGenericType(domainEvent.GetType());
                foreach (var handler in services.GetServices(handlerType))
                {
                    await ((Task)handlerType.GetMethod(nameof(IDomainEventHandler<IDomainEvent>.HandleAsync))!
                        .Invoke(handler, [domainEvent, ct])!);
                }
                // Every event that is an audit line is written by the one handler of IAuditedEvent.
                if (domainEvent is IAuditedEvent audited)
                {
                    foreach (var handler in services.GetServices<IDomainEventHandler<IAuditedEvent>>())
                    {
                        await handler.HandleAsync(audited, ct);
                    }
                }
            }
        }
        throw new InvalidOperationException("领域事件处理超过了允许的轮数：请检查事件处理程序是否相互触发。");
    }
}
