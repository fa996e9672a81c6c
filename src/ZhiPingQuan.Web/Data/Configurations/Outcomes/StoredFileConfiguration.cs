using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Files;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("StoredFiles");
        b.Property(f => f.OriginalFileName).HasMaxLength(StoredFile.MaxFileNameLength).IsRequired();
        b.Property(f => f.ContentType).HasMaxLength(150).IsRequired();
        b.Property(f => f.Sha256).HasMaxLength(OutcomeConverters.Sha256HexLength).IsFixedLength().IsUnicode(false).IsRequired();
        b.Property(f => f.StorageKey).HasMaxLength(500).IsUnicode(false).IsRequired();
        b.Property(f => f.UploadedBy).HasMaxLength(OutcomeConverters.PersonLength).IsRequired();

        b.HasOne<StoredFile>().WithMany().HasForeignKey(f => f.PreviousVersionId).OnDelete(DeleteBehavior.Restrict);

        b.HasIndex(f => f.StorageKey).IsUnique();
        b.HasIndex(f => f.OwnerOrganisationId);
        b.HasIndex(f => f.Sha256);
        b.HasIndex(f => f.PreviousVersionId);
    }
}
