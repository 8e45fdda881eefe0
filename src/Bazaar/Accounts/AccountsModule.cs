using Bazaar.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Bazaar.Accounts;

public static class AccountsModule
{
    /// <summary>Cookie for the pages, bearer token for apps; one policy scheme picks per request.</summary>
    public const string SmartScheme = "CookieOrBearer";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<ShopUser, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = RegisterCustomer.MinPassword;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = null!; // checked by RegisterCustomer, which allows Chinese names
            })
            .AddEntityFrameworkStores<ShopDb>()
            .AddUserStore<ShopUserStore>()
            .AddUserManager<ShopUserManager>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultAuthenticateScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultForbidScheme = SmartScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = http =>
                    http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "bazaar.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            // API callers get status codes, not a redirect to an HTML sign-in page.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddScoped<RegisterCustomer>();
        services.AddScoped<SignIn>();
        services.AddSingleton<PhoneLookup>();
        services.AddScoped<SignInByCode>();
        services.AddScoped<SecondFactor>();
        services.AddScoped<TokenSignIn>();
        services.AddScoped<AuthenticatorApp>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, AdminNeedsSecondFactor>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, SecondFactorRefusal>();
        // A cookie is re-issued when its security stamp is checked (every 30 minutes): the claim that the
        // second factor was proved must survive that, or an operator would be sent to prove it again.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = ctx =>
        {
            if (ctx.CurrentPrincipal is { } current && SecondFactor.WasChecked(current) && ctx.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity
                && !SecondFactor.WasChecked(ctx.NewPrincipal))
                identity.AddClaims(SecondFactor.Checked);
            return Task.CompletedTask;
        });
        services.AddScoped<AddressBook>();
        services.AddScoped<ICustomerContacts, CustomerContacts>();
        services.AddScoped<CreateAdmin>();
        services.AddScoped<FindCustomers>();
        services.AddScoped<LockCustomer>();
        services.AddScoped<IStartupTask, SeedAdminAccount>();
        return builder;
    }

    public static WebApplication MapAccounts(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapSignInCodeEndpoints();
        app.MapTwoFactorEndpoints();
        app.MapCustomerAdminEndpoints();
        return app;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
