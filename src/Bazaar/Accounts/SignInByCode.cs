using Bazaar.Notifications;
using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Platform.Protection;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Accounts;

public sealed record SignInCodeRequest(string? PhoneNumber);
public sealed record SignInWithCodeRequest(string? PhoneNumber, string? Code, string? TwoFactorCode = null, string? RecoveryCode = null);

/// <summary>What a code request answers, whether the number has an account or not.</summary>
public sealed record CodeSent(string Message, int ValidForSeconds);

/// <summary>
/// Sign-in with a code texted to the account's phone: 6 digits, 5 minutes, 5 tries, used once; at most
/// one a minute and 10 a day per number. A number without an account gets the same answer and the same
/// limits, and nothing is sent, so neither door tells a stranger who shops here.
/// </summary>
public sealed class SignInByCode(ShopDb db, BlindIndex phoneIndex, SignIn signIn, UserManager<ShopUser> users, SmsGateway sms, IAuditLog audit,
    TimeProvider clock, ILogger<SignInByCode> log)
{
    public const int PerDay = 10;
    /// <summary>The advisory locks' first key: one lock per number's blind index, apart from the jobs' (JobLease).</summary>
    private const int NumberLockSpace = 0x42_5A_53_43; // "BZSC"
    public static readonly TimeSpan Gap = TimeSpan.FromMinutes(1), Day = TimeSpan.FromDays(1);
    public const string SentMessage = "If this number has an account, a sign-in code is on its way. It is valid for 5 minutes.";

    public async Task<Result<CodeSent>> RequestAsync(SignInCodeRequest request, CancellationToken ct)
    {
        if (Phone(request.PhoneNumber) is not { } phone)
            return Problem.Invalid(PhoneError(request.PhoneNumber));
        var key = phoneIndex.Of(phone);
        var now = clock.GetUtcNow().UtcDateTime;
        // Requests for one number at the same moment (on one instance or several) would all pass the
        // checks below before any of them is written (a test sent 2 texts for 8 requests). So the checks
        // and the write are one transaction, one number at a time: PostgreSQL waits on a lock per number
        // (released at commit), SQLite's transaction takes the one write lock at its start (BEGIN IMMEDIATE).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({NumberLockSpace}, hashtext({key}))", ct);
        var recent = await db.Set<SignInCode>().Where(c => c.NumberKey == key && c.CreatedAt > now - Day)
            .OrderBy(c => c.CreatedAt).Select(c => c.CreatedAt).ToListAsync(ct);
        if (recent.Count > 0 && recent[^1] + Gap > now)
            return TooSoon(recent[^1] + Gap, "One code a minute: wait for the text, or ask again in a minute.");
        if (recent.Count >= PerDay)
            return TooSoon(recent[^PerDay] + Day, $"At most {PerDay} codes a day for one number. Try again tomorrow or sign in with your password.");

        var user = await signIn.FindByPhoneAsync(phone, ct);
        var row = new SignInCode { Id = Guid.CreateVersion7(), NumberKey = key, UserId = user?.Id, CreatedAt = now, ExpiresAt = now + SignInCode.Lifetime };
        var code = user is null ? null : SignInCode.NewCode();
        if (code is not null)
        {
            row.Salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
            row.CodeHash = SignInCode.Hash(code, row.Salt);
        }
        db.Add(row);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (user is not null && code is not null)
        {
            await SendAsync(phone, code, row.Id, ct);
            await audit.RecordNowAsync("account.sign-in-code-sent", $"account {user.UserName}", null, ct, user.Id, user.UserName);
        }
        return new CodeSent(SentMessage, (int)SignInCode.Lifetime.TotalSeconds);
    }

    public async Task<Result<ShopUser>> CheckAsync(SignInWithCodeRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var phone = Phone(request.PhoneNumber);
        if (phone is null)
            PhoneError(request.PhoneNumber, errors);
        var code = request.Code?.Trim().Replace(" ", "");
        if (string.IsNullOrEmpty(code))
            errors.Add("code", "Code is required.");
        else if (code.Length != SignInCode.Digits || !code.All(char.IsAsciiDigit))
            errors.Add("code", "The code is 6 digits.");
        if (errors.Any)
            return Problem.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var key = phoneIndex.Of(phone!);
        var latest = await db.Set<SignInCode>().AsNoTracking().Where(c => c.NumberKey == key)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (latest is null || latest.UsedAt is not null)
            return CodeProblem("Ask for a code first: the last one was used or none was sent.");
        if (latest.ExpiresAt <= now)
            return CodeProblem("This code has expired. Ask for a new one.");
        // One conditional update counts the try, so parallel guesses cannot share a try between them.
        var counted = await db.Set<SignInCode>().Where(c => c.Id == latest.Id && c.Tries < SignInCode.MaxTries && c.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Tries, c => c.Tries + 1), ct);
        if (counted == 0)
            return CodeProblem("Too many wrong codes. Ask for a new one.");
        if (!latest.Matches(code!) || latest.UserId is not { } userId)
        {
            await audit.RecordNowAsync("account.sign-in-code-wrong", latest.UserId is null ? "unknown account" : $"account id {latest.UserId}",
                $"try {latest.Tries + 1} of {SignInCode.MaxTries}", ct, latest.UserId);
            return latest.Tries + 1 >= SignInCode.MaxTries
                ? CodeProblem("Too many wrong codes. Ask for a new one.")
                : CodeProblem("The code is not correct.");
        }
        // Single use: of two requests with the right code, one marks it used and the other is refused.
        var used = await db.Set<SignInCode>().Where(c => c.Id == latest.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAt, now), ct);
        if (used == 0)
            return CodeProblem("Ask for a code first: the last one was used or none was sent.");

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
            return CodeProblem("Ask for a code first: the last one was used or none was sent.");
        var target = $"account {user.UserName}";
        if (await users.IsLockedOutAsync(user))
        {
            await audit.RecordNowAsync("account.sign-in-refused-locked", target, "signed in by code while locked", ct, user.Id, user.UserName);
            return await signIn.LockedAsync(user);
        }
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordNowAsync("account.signed-in", target, "by texted code", ct, user.Id, user.UserName);
        return user;
    }

    private async Task SendAsync(string phone, string code, Guid id, CancellationToken ct)
    {
        var text = $"【Bazaar】Your sign-in code is {code}, valid for 5 minutes. Do not share it. 您的登录验证码是 {code}，5分钟内有效，请勿告诉他人。";
        try
        {
            await sms.SendAsync(phone, text, $"sign-in-code:{id}", ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The answer stays "on its way": a different one would tell a stranger this number has an account.
            // The shopper asks again after a minute; the log tells the operator the provider is failing.
            log.LogWarning(e, "A sign-in code could not be texted (code {CodeId}).", id);
        }
    }

    private static string? Phone(string? input) =>
        input is not null && PhoneNumbers.TryNormalise(input, out var e164, out _) ? e164 : null;

    private static FieldErrors PhoneError(string? input, FieldErrors? errors = null)
    {
        errors ??= new FieldErrors();
        PhoneNumbers.TryNormalise(input, out _, out var error);
        return errors.Add("phoneNumber", error);
    }

    private static Problem TooSoon(DateTime until, string detail) =>
        new(StatusCodes.Status429TooManyRequests, "Too many codes asked for.", detail) { RetryAfter = new DateTimeOffset(until, TimeSpan.Zero) };

    private static Problem CodeProblem(string message) =>
        new(StatusCodes.Status401Unauthorized, "Sign-in failed.", message, new Dictionary<string, string[]> { ["code"] = [message] });
}
