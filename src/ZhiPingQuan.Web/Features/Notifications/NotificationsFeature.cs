using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Notifications;

namespace ZhiPingQuan.Web.Features.Notifications;

/// <summary>The services of this feature folder: the inbox, the pages of notices for e-mails, and the deadline reminders.</summary>
public sealed class NotificationsFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<NotificationInbox>();
        services.AddSingleton<INoticeLinks, NotificationPageLinks>();
        services.AddScoped<DeadlineReminders>();
        var reminders = new ReminderOptions();
        configuration.GetSection(ReminderOptions.Section).Bind(reminders);
        services.AddSingleton(reminders);
        services.AddHostedService<DeadlineReminderService>();
    }
}
