using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Identity;

namespace Bazaar.Accounts;

internal static class IdentityErrors
{
    /// <summary>Identity's own checks (password policy, duplicate name in a race) as field messages.</summary>
    public static FieldErrors ToFieldErrors(IdentityResult result, FieldErrors errors)
    {
        foreach (var e in result.Errors)
        {
            var field = e.Code switch
            {
                _ when e.Code.StartsWith("Password", StringComparison.Ordinal) => "password",
                "DuplicateUserName" or "InvalidUserName" => "userName",
                _ => "",
            };
            errors.Add(field, e.Code == "DuplicateUserName" ? "This user name is already taken." : e.Description);
        }
        return errors;
    }
}
