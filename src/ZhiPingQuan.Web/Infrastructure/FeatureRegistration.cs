using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>
/// A feature folder's own services (its use-case services, readers, stores), registered by the feature itself:
/// one class per feature implements this, and <see cref="FeatureRegistration.AddPortalFeatures"/> finds it. So
/// nothing outside a feature names the feature's types (docs/decisions/0009-one-home-for-each-rule.md).
/// </summary>
public interface IFeatureRegistration
{
    void Register(IServiceCollection services, IConfiguration configuration);
}

public static class FeatureRegistration
{
    /// <summary>Every feature's <see cref="IFeatureRegistration"/>, found in this assembly.</summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var type in typeof(FeatureRegistration).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IFeatureRegistration).IsAssignableFrom(t))
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            ((IFeatureRegistration)Activator.CreateInstance(type)!).Register(services, configuration);
        }
        return services;
    }

    /// <summary>
    /// The dispatcher and every <see cref="IDomainEventHandler{TEvent}"/> of this assembly (scoped: a handler works
    /// in the request's DbContext). A handler is registered once per event type it handles.
    /// </summary>
    public static IServiceCollection AddDomainEvents(this IServiceCollection services)
    {
        services.AddScoped<IDomainEventDispatcher, DomainEventDispatcher>();
        foreach (var type in typeof(FeatureRegistration).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var handled in type.GetInterfaces()
                         .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDomainEventHandler<>)))
            {
                services.AddScoped(handled, type);
            }
        }
        return services;
    }
}
