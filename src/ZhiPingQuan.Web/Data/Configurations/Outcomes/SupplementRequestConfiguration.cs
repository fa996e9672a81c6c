using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Applications;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class SupplementRequestConfiguration : IEntityTypeConfiguration<SupplementRequest>
{
    public void Configure(EntityTypeBuilder<SupplementRequest> b)
    {
        b.ToTable("SupplementRequests");
        b.Property(r => r.RequestedBy).HasMaxLength(OutcomeConverters.PersonLength).IsRequired();
        // The content as returned: a JSON document of a few kilobytes (contact, stated values, evidence list).
        b.Property(r => r.ContentAtReturn).IsRequired();
        b.Property(r => r.Note).HasMaxLength(SupplementRequest.MaxNoteLength);
        b.Ignore(r => r.IsAnswered);
        b.Ignore(r => r.ReasonSummary);

        b.HasMany(r => r.Changes).WithOne().HasForeignKey(c => c.SupplementRequestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Changes).UsePropertyAccessMode(PropertyAccessMode.Field);

        b.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.SupplementRequestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Items).UsePropertyAccessMode(PropertyAccessMode.Field);

        b.HasIndex(r => new { r.QuotaApplicationId, r.SequenceNo }).IsUnique();
        b.HasIndex(r => r.DueDate);
    }
}
