using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Data.Identity;

namespace ZhiPingQuan.Web.Data;

/// <summary>
/// The one DbContext. Each database provider has a subclass (Data/ProviderContexts.cs)
/// only so that each keeps its own migrations set; the model is the same for all three.
/// DbSets for each area live in partial files beside this one.
/// </summary>
public abstract partial class AppDbContext : IdentityDbContext<AppUser, AppRole, Guid>
{
    private readonly IDomainEventDispatcher? _events;

    /// <param name="options">The provider's options.</param>
    /// <param name="events">
    /// Dispatches the records' domain events before each save (the portal always has one). A context made
    /// without it (design-time tooling) refuses to save a record with pending events rather than lose them.
    /// </param>
    protected AppDbContext(DbContextOptions options, IDomainEventDispatcher? events) : base(options) => _events = events;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        foreach (var type in builder.Model.GetEntityTypes())
        {
            // Every domain record carries a concurrency token renewed on save (see SaveChanges).
            if (typeof(Entity).IsAssignableFrom(type.ClrType) && type.BaseType is null)
            {
                builder.Entity(type.ClrType).HasKey(nameof(Entity.Id));
                builder.Entity(type.ClrType).Property(nameof(Entity.Id)).ValueGeneratedNever();
                builder.Entity(type.ClrType).Property(nameof(Entity.Version)).IsConcurrencyToken();
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the data reads well and survives reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(64);
        // Times are UTC everywhere; say so when reading back, whatever the provider returns.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        // Money in yuan and output values in 万元: two decimals.
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Handlers add the audit lines, notices and effects on other records to this same save: one transaction.
        if (_events is not null)
        {
            await _events.DispatchAsync(this, cancellationToken);
        }
        else if (ChangeTracker.Entries<Entity>().Any(e => e.Entity.PendingEvents().Count > 0))
        {
            throw new InvalidOperationException("该数据上下文没有领域事件分发器，不能保存带有待处理事件的记录。");
        }
        await KeepEnterpriseCopiesAsync(cancellationToken);
        RenewVersions();
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void RenewVersions()
    {
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version = Guid.NewGuid();
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.Value.ToUniversalTime(), DateTimeKind.Utc),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
