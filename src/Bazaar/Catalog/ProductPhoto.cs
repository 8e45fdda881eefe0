using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Catalog;

/// <summary>
/// A picture an operator uploaded for a product, kept in the standard sizes it was resized to. The
/// bytes live in the database with the product, so every shop instance serves them (no instance
/// owns a file system the others cannot see). Position 0 is the product's main picture.
/// </summary>
public sealed class ProductPhoto
{
    public Guid Id { get; set; }
    public int ProductId { get; set; }
    public int Position { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<ProductPhotoFile> Files { get; set; } = [];
}

/// <summary>One size of a photo, encoded as WebP.</summary>
public sealed class ProductPhotoFile
{
    public Guid PhotoId { get; set; }
    public string Size { get; set; } = "";
    public int Width { get; set; }
    public int Height { get; set; }
    public byte[] Bytes { get; set; } = [];
}

internal sealed class ProductPhotoConfiguration : IEntityTypeConfiguration<ProductPhoto>
{
    public void Configure(EntityTypeBuilder<ProductPhoto> p)
    {
        p.ToTable("ProductPhotos");
        p.HasIndex(x => new { x.ProductId, x.Position });
        p.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        p.HasMany(x => x.Files).WithOne().HasForeignKey(f => f.PhotoId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductPhotoFileConfiguration : IEntityTypeConfiguration<ProductPhotoFile>
{
    public void Configure(EntityTypeBuilder<ProductPhotoFile> f)
    {
        f.ToTable("ProductPhotoFiles");
        f.HasKey(x => new { x.PhotoId, x.Size });
        f.Property(x => x.Size).HasMaxLength(16);
    }
}
