using System.Text;

namespace Bazaar.Platform.Protection;

/// <summary>
/// A key file the shop makes on first start (the personal-data key ring, the audit chain key):
/// written beside and moved into place, owner-only, so no process reads half a key; when two
/// processes race, the file already in place wins and the other's is dropped.
/// </summary>
public static class SecretFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> unless a file is there; true when this call made it.</summary>
    public static bool CreateIfMissing(string path, Func<string> content)
    {
        if (File.Exists(path))
            return false;
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temporary, new UTF8Encoding(false), fileOptions))
            writer.Write(content());
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }
}
