namespace ZhiPingQuan.Web.Infrastructure.Notifications;

public static class NotificationsRegistration
{
    /// <summary>
    /// The notifier, the e-mails it writes and the outbox sender (a hosted service on every instance). A malformed
    /// <c>Portal:PublicBaseUrl</c> stops the start rather than the first notice.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new NoticeMailOptions(configuration[ConfigKeys.PublicBaseUrl]));
        services.AddScoped<NoticeMail>();
        services.AddScoped<Notifier>();
        var mail = new MailOptions();
        configuration.GetSection(MailOptions.Section).Bind(mail);
        services.AddSingleton(mail);
        services.AddSingleton<OutboxSender>();
        services.AddHostedService<OutboxSenderService>();
        return services;
    }
}
