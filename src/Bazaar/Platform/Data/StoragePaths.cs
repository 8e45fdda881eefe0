namespace Bazaar.Platform.Data;

public static class StoragePaths
{
    /// <summary>Storage:DataDirectory, relative to the content root; created on first use.</summary>
    public static string DataDirectory(IConfiguration config, IHostEnvironment env)
    {
        var configured = config["Storage:DataDirectory"];
        var dir = string.IsNullOrWhiteSpace(configured) ? "data" : configured;
        if (!Path.IsPathRooted(dir))
            dir = Path.Combine(env.ContentRootPath, dir);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
