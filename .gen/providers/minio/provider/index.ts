// https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface MinioProviderConfig {
  /**
  * Maximum number of retries for failed operations (default: 6)
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#max_retries MinioProvider#max_retries}
  */
  readonly maxRetries?: number;
  /**
  * MinIO access key (deprecated: use minio_user instead)
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_access_key MinioProvider#minio_access_key}
  */
  readonly minioAccessKey?: string;
  /**
  * MinIO API Version (v2 or v4)
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_api_version MinioProvider#minio_api_version}
  */
  readonly minioApiVersion?: string;
  /**
  * Path to CA certificate file for SSL verification
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_cacert_file MinioProvider#minio_cacert_file}
  */
  readonly minioCacertFile?: string;
  /**
  * Path to client certificate file for SSL authentication
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_cert_file MinioProvider#minio_cert_file}
  */
  readonly minioCertFile?: string;
  /**
  * Enable debug logging for API requests
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_debug MinioProvider#minio_debug}
  */
  readonly minioDebug?: boolean | cdktf.IResolvable;
  /**
  * Override the auto-detected MinIO edition (e.g. `AIStor` to force AIStor-shaped behaviors). Leave empty to auto-detect from `ServerInfo`. Set this only when the provider misclassifies your server — for example an AIStor build whose `ServerInfo` response does not surface the `edition` field.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_edition MinioProvider#minio_edition}
  */
  readonly minioEdition?: string;
  /**
  * Skip SSL certificate verification (not recommended for production)
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_insecure MinioProvider#minio_insecure}
  */
  readonly minioInsecure?: boolean | cdktf.IResolvable;
  /**
  * Path to client private key file for SSL authentication
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_key_file MinioProvider#minio_key_file}
  */
  readonly minioKeyFile?: string;
  /**
  * MinIO password (or secret key) for authentication
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_password MinioProvider#minio_password}
  */
  readonly minioPassword?: string;
  /**
  * Region used for request signing and sent to the S3 client. Defaults to `us-east-1`. Set this to match the region configured on your server, or to any non-empty string when using S3-compatible stores that require a specific region (e.g. Versity Gateway, Hetzner Object Storage).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_region MinioProvider#minio_region}
  */
  readonly minioRegion?: string;
  /**
  * MinIO secret key (deprecated: use minio_password instead)
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_secret_key MinioProvider#minio_secret_key}
  */
  readonly minioSecretKey?: string;
  /**
  * MinIO server endpoint in the format host:port
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_server MinioProvider#minio_server}
  */
  readonly minioServer: string;
  /**
  * MinIO session token for temporary credentials
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_session_token MinioProvider#minio_session_token}
  */
  readonly minioSessionToken?: string;
  /**
  * Enable SSL/TLS for MinIO connection
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_ssl MinioProvider#minio_ssl}
  */
  readonly minioSsl?: boolean | cdktf.IResolvable;
  /**
  * MinIO user (or access key) for authentication
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#minio_user MinioProvider#minio_user}
  */
  readonly minioUser?: string;
  /**
  * Global HTTP request timeout in seconds for all MinIO API calls (default: 30)
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#request_timeout_seconds MinioProvider#request_timeout_seconds}
  */
  readonly requestTimeoutSeconds?: number;
  /**
  * Base delay in milliseconds between retries, used with exponential backoff (default: 1000)
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#retry_delay_ms MinioProvider#retry_delay_ms}
  */
  readonly retryDelayMs?: number;
  /**
  * Enable S3 compatibility mode for non-MinIO backends (Hetzner, Cloudflare R2, Backblaze B2, DigitalOcean Spaces). Gracefully handles unsupported S3 features instead of erroring.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#s3_compat_mode MinioProvider#s3_compat_mode}
  */
  readonly s3CompatMode?: boolean | cdktf.IResolvable;
  /**
  * Skip bucket tagging API calls. Useful when your S3-compatible endpoint does not support tagging.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#skip_bucket_tagging MinioProvider#skip_bucket_tagging}
  */
  readonly skipBucketTagging?: boolean | cdktf.IResolvable;
  /**
  * Alias name
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#alias MinioProvider#alias}
  */
  readonly alias?: string;
  /**
  * assume_role block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#assume_role MinioProvider#assume_role}
  */
  readonly assumeRole?: MinioProviderAssumeRole;
  /**
  * assume_role_with_web_identity block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#assume_role_with_web_identity MinioProvider#assume_role_with_web_identity}
  */
  readonly assumeRoleWithWebIdentity?: MinioProviderAssumeRoleWithWebIdentity;
}
export interface MinioProviderAssumeRole {
  /**
  * Duration in seconds for the session (default: 3600).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#duration_seconds MinioProvider#duration_seconds}
  */
  readonly durationSeconds?: number;
  /**
  * External ID for cross-account role assumption.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#external_id MinioProvider#external_id}
  */
  readonly externalId?: string;
  /**
  * IAM policy in JSON format to scope down the assumed role permissions.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#policy MinioProvider#policy}
  */
  readonly policy?: string;
  /**
  * ARN of the role to assume.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#role_arn MinioProvider#role_arn}
  */
  readonly roleArn?: string;
  /**
  * Session name for the assumed role.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#session_name MinioProvider#session_name}
  */
  readonly sessionName?: string;
}

export function minioProviderAssumeRoleToTerraform(struct?: MinioProviderAssumeRole): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    duration_seconds: cdktf.numberToTerraform(struct!.durationSeconds),
    external_id: cdktf.stringToTerraform(struct!.externalId),
    policy: cdktf.stringToTerraform(struct!.policy),
    role_arn: cdktf.stringToTerraform(struct!.roleArn),
    session_name: cdktf.stringToTerraform(struct!.sessionName),
  }
}


export function minioProviderAssumeRoleToHclTerraform(struct?: MinioProviderAssumeRole): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    duration_seconds: {
      value: cdktf.numberToHclTerraform(struct!.durationSeconds),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    external_id: {
      value: cdktf.stringToHclTerraform(struct!.externalId),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    policy: {
      value: cdktf.stringToHclTerraform(struct!.policy),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    role_arn: {
      value: cdktf.stringToHclTerraform(struct!.roleArn),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    session_name: {
      value: cdktf.stringToHclTerraform(struct!.sessionName),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export interface MinioProviderAssumeRoleWithWebIdentity {
  /**
  * Duration in seconds for the session (default: 3600).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#duration_seconds MinioProvider#duration_seconds}
  */
  readonly durationSeconds?: number;
  /**
  * OIDC/JWT token for web identity authentication.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#web_identity_token MinioProvider#web_identity_token}
  */
  readonly webIdentityToken?: string;
  /**
  * Path to a file containing the OIDC/JWT token.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#web_identity_token_file MinioProvider#web_identity_token_file}
  */
  readonly webIdentityTokenFile?: string;
}

export function minioProviderAssumeRoleWithWebIdentityToTerraform(struct?: MinioProviderAssumeRoleWithWebIdentity): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    duration_seconds: cdktf.numberToTerraform(struct!.durationSeconds),
    web_identity_token: cdktf.stringToTerraform(struct!.webIdentityToken),
    web_identity_token_file: cdktf.stringToTerraform(struct!.webIdentityTokenFile),
  }
}


export function minioProviderAssumeRoleWithWebIdentityToHclTerraform(struct?: MinioProviderAssumeRoleWithWebIdentity): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    duration_seconds: {
      value: cdktf.numberToHclTerraform(struct!.durationSeconds),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    web_identity_token: {
      value: cdktf.stringToHclTerraform(struct!.webIdentityToken),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    web_identity_token_file: {
      value: cdktf.stringToHclTerraform(struct!.webIdentityTokenFile),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}


/**
* Represents a {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs minio}
*/
export class MinioProvider extends cdktf.TerraformProvider {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "minio";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a MinioProvider resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the MinioProvider to import
  * @param importFromId The id of the existing MinioProvider that should be imported. Refer to the {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the MinioProvider to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "minio", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs minio} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options MinioProviderConfig
  */
  public constructor(scope: Construct, id: string, config: MinioProviderConfig) {
    super(scope, id, {
      terraformResourceType: 'minio',
      terraformGeneratorMetadata: {
        providerName: 'minio',
        providerVersion: '3.40.1',
        providerVersionConstraint: '3.40.1'
      },
      terraformProviderSource: 'aminueza/minio'
    });
    this._maxRetries = config.maxRetries;
    this._minioAccessKey = config.minioAccessKey;
    this._minioApiVersion = config.minioApiVersion;
    this._minioCacertFile = config.minioCacertFile;
    this._minioCertFile = config.minioCertFile;
    this._minioDebug = config.minioDebug;
    this._minioEdition = config.minioEdition;
    this._minioInsecure = config.minioInsecure;
    this._minioKeyFile = config.minioKeyFile;
    this._minioPassword = config.minioPassword;
    this._minioRegion = config.minioRegion;
    this._minioSecretKey = config.minioSecretKey;
    this._minioServer = config.minioServer;
    this._minioSessionToken = config.minioSessionToken;
    this._minioSsl = config.minioSsl;
    this._minioUser = config.minioUser;
    this._requestTimeoutSeconds = config.requestTimeoutSeconds;
    this._retryDelayMs = config.retryDelayMs;
    this._s3CompatMode = config.s3CompatMode;
    this._skipBucketTagging = config.skipBucketTagging;
    this._alias = config.alias;
    this._assumeRole = config.assumeRole;
    this._assumeRoleWithWebIdentity = config.assumeRoleWithWebIdentity;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // max_retries - computed: false, optional: true, required: false
  private _maxRetries?: number; 
  public get maxRetries() {
    return this._maxRetries;
  }
  public set maxRetries(value: number | undefined) {
    this._maxRetries = value;
  }
  public resetMaxRetries() {
    this._maxRetries = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get maxRetriesInput() {
    return this._maxRetries;
  }

  // minio_access_key - computed: false, optional: true, required: false
  private _minioAccessKey?: string; 
  public get minioAccessKey() {
    return this._minioAccessKey;
  }
  public set minioAccessKey(value: string | undefined) {
    this._minioAccessKey = value;
  }
  public resetMinioAccessKey() {
    this._minioAccessKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minioAccessKeyInput() {
    return this._minioAccessKey;
  }

  // minio_api_version - computed: false, optional: true, required: false
  private _minioApiVersion?: string; 
  public get minioApiVersion() {
    return this._minioApiVersion;
  }
  public set minioApiVersion(value: string | undefined) {
    this._minioApiVersion = value;
  }
  public resetMinioApiVersion() {
    this._minioApiVersion = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minioApiVersionInput() {
    return this._minioApiVersion;
  }

  // minio_cacert_file - computed: false, optional: true, required: false
  private _minioCacertFile?: string; 
  public get minioCacertFile() {
    return this._minioCacertFile;
  }
  public set minioCacertFile(value: string | undefined) {
    this._minioCacertFile = value;
  }
  public resetMinioCacertFile() {
    this._minioCacertFile = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minioCacertFileInput() {
    return this._minioCacertFile;
  }

  // minio_cert_file - computed: false, optional: true, required: false
  private _minioCertFile?: string; 
  public get minioCertFile() {
    return this._minioCertFile;
  }
  public set minioCertFile(value: string | undefined) {
    this._minioCertFile = value;
  }
  public resetMinioCertFile() {
    this._minioCertFile = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minioCertFileInput() {
    return this._minioCertFile;
  }

  // minio_debug - computed: false, optional: true, required: false
  private _minioDebug?: boolean | cdktf.IResolvable; 
  public get minioDebug() {
    return this._minioDebug;
  }
  public set minioDebug(value: boolean | cdktf.IResolvable | undefined) {
    this._minioDebug = value;
  }
  public resetMinioDebug() {
    this._minioDebug = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minioDebugInput() {
    return this._minioDebug;
  }

  // minio_edition - computed: false, optional: true, required: false
  private _minioEdition?: string; 
  public get minioEdition() {
    return this._minioEdition;
  }
  public set minioEdition(value: string | undefined) {
    this._minioEdition = value;
  }
  public resetMinioEdition() {
    this._minioEdition = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minioEditionInput() {
    return this._minioEdition;
  }

  // minio_insecure - computed: false, optional: true, required: false
  private _minioInsecure?: boolean | cdktf.IResolvable; 
  public get minioInsecure() {
    return this._minioInsecure;
  }
  public set minioInsecure(value: boolean | cdktf.IResolvable | undefined) {
    this._minioInsecure = value;
  }
  public resetMinioInsecure() {
    this._minioInsecure = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minioInsecureInput() {
    return this._minioInsecure;
  }

  // minio_key_file - computed: false, optional: true, required: false
  private _minioKeyFile?: string; 
  public get minioKeyFile() {
    return this._minioKeyFile;
  }
  public set minioKeyFile(value: string | undefined) {
    this._minioKeyFile = value;
  }
  public resetMinioKeyFile() {
    this._minioKeyFile = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minioKeyFileInput() {
    return this._minioKeyFile;
  }

  // minio_password - computed: false, optional: true, required: false
  private _minioPassword?: string; 
  public get minioPassword() {
    return this._minioPassword;
  }
  public set minioPassword(value: string | undefined) {
    this._minioPassword = value;
  }
  public resetMinioPassword() {
    this._minioPassword = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minioPasswordInput() {
    return this._minioPassword;
  }

  // minio_region - computed: false, optional: true, required: false
  private _minioRegion?: string; 
  public get minioRegion() {
    return this._minioRegion;
  }
  public set minioRegion(value: string | undefined) {
    this._minioRegion = value;
  }
  public resetMinioRegion() {
    this._minioRegion = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minioRegionInput() {
    return this._minioRegion;
  }

  // minio_secret_key - computed: false, optional: true, required: false
  private _minioSecretKey?: string; 
  public get minioSecretKey() {
    return this._minioSecretKey;
  }
  public set minioSecretKey(value: string | undefined) {
    this._minioSecretKey = value;
  }
  public resetMinioSecretKey() {
    this._minioSecretKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minioSecretKeyInput() {
    return this._minioSecretKey;
  }

  // minio_server - computed: false, optional: false, required: true
  private _minioServer?: string; 
  public get minioServer() {
    return this._minioServer;
  }
  public set minioServer(value: string | undefined) {
    this._minioServer = value;
  }
  // Temporarily expose input value. Use with caution.
  public get minioServerInput() {
    return this._minioServer;
  }

  // minio_session_token - computed: false, optional: true, required: false
  private _minioSessionToken?: string; 
  public get minioSessionToken() {
    return this._minioSessionToken;
  }
  public set minioSessionToken(value: string | undefined) {
    this._minioSessionToken = value;
  }
  public resetMinioSessionToken() {
    this._minioSessionToken = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minioSessionTokenInput() {
    return this._minioSessionToken;
  }

  // minio_ssl - computed: false, optional: true, required: false
  private _minioSsl?: boolean | cdktf.IResolvable; 
  public get minioSsl() {
    return this._minioSsl;
  }
  public set minioSsl(value: boolean | cdktf.IResolvable | undefined) {
    this._minioSsl = value;
  }
  public resetMinioSsl() {
    this._minioSsl = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minioSslInput() {
    return this._minioSsl;
  }

  // minio_user - computed: false, optional: true, required: false
  private _minioUser?: string; 
  public get minioUser() {
    return this._minioUser;
  }
  public set minioUser(value: string | undefined) {
    this._minioUser = value;
  }
  public resetMinioUser() {
    this._minioUser = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minioUserInput() {
    return this._minioUser;
  }

  // request_timeout_seconds - computed: false, optional: true, required: false
  private _requestTimeoutSeconds?: number; 
  public get requestTimeoutSeconds() {
    return this._requestTimeoutSeconds;
  }
  public set requestTimeoutSeconds(value: number | undefined) {
    this._requestTimeoutSeconds = value;
  }
  public resetRequestTimeoutSeconds() {
    this._requestTimeoutSeconds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get requestTimeoutSecondsInput() {
    return this._requestTimeoutSeconds;
  }

  // retry_delay_ms - computed: false, optional: true, required: false
  private _retryDelayMs?: number; 
  public get retryDelayMs() {
    return this._retryDelayMs;
  }
  public set retryDelayMs(value: number | undefined) {
    this._retryDelayMs = value;
  }
  public resetRetryDelayMs() {
    this._retryDelayMs = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get retryDelayMsInput() {
    return this._retryDelayMs;
  }

  // s3_compat_mode - computed: false, optional: true, required: false
  private _s3CompatMode?: boolean | cdktf.IResolvable; 
  public get s3CompatMode() {
    return this._s3CompatMode;
  }
  public set s3CompatMode(value: boolean | cdktf.IResolvable | undefined) {
    this._s3CompatMode = value;
  }
  public resetS3CompatMode() {
    this._s3CompatMode = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get s3CompatModeInput() {
    return this._s3CompatMode;
  }

  // skip_bucket_tagging - computed: false, optional: true, required: false
  private _skipBucketTagging?: boolean | cdktf.IResolvable; 
  public get skipBucketTagging() {
    return this._skipBucketTagging;
  }
  public set skipBucketTagging(value: boolean | cdktf.IResolvable | undefined) {
    this._skipBucketTagging = value;
  }
  public resetSkipBucketTagging() {
    this._skipBucketTagging = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get skipBucketTaggingInput() {
    return this._skipBucketTagging;
  }

  // alias - computed: false, optional: true, required: false
  private _alias?: string; 
  public get alias() {
    return this._alias;
  }
  public set alias(value: string | undefined) {
    this._alias = value;
  }
  public resetAlias() {
    this._alias = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get aliasInput() {
    return this._alias;
  }

  // assume_role - computed: false, optional: true, required: false
  private _assumeRole?: MinioProviderAssumeRole; 
  public get assumeRole() {
    return this._assumeRole;
  }
  public set assumeRole(value: MinioProviderAssumeRole | undefined) {
    this._assumeRole = value;
  }
  public resetAssumeRole() {
    this._assumeRole = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get assumeRoleInput() {
    return this._assumeRole;
  }

  // assume_role_with_web_identity - computed: false, optional: true, required: false
  private _assumeRoleWithWebIdentity?: MinioProviderAssumeRoleWithWebIdentity; 
  public get assumeRoleWithWebIdentity() {
    return this._assumeRoleWithWebIdentity;
  }
  public set assumeRoleWithWebIdentity(value: MinioProviderAssumeRoleWithWebIdentity | undefined) {
    this._assumeRoleWithWebIdentity = value;
  }
  public resetAssumeRoleWithWebIdentity() {
    this._assumeRoleWithWebIdentity = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get assumeRoleWithWebIdentityInput() {
    return this._assumeRoleWithWebIdentity;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      max_retries: cdktf.numberToTerraform(this._maxRetries),
      minio_access_key: cdktf.stringToTerraform(this._minioAccessKey),
      minio_api_version: cdktf.stringToTerraform(this._minioApiVersion),
      minio_cacert_file: cdktf.stringToTerraform(this._minioCacertFile),
      minio_cert_file: cdktf.stringToTerraform(this._minioCertFile),
      minio_debug: cdktf.booleanToTerraform(this._minioDebug),
      minio_edition: cdktf.stringToTerraform(this._minioEdition),
      minio_insecure: cdktf.booleanToTerraform(this._minioInsecure),
      minio_key_file: cdktf.stringToTerraform(this._minioKeyFile),
      minio_password: cdktf.stringToTerraform(this._minioPassword),
      minio_region: cdktf.stringToTerraform(this._minioRegion),
      minio_secret_key: cdktf.stringToTerraform(this._minioSecretKey),
      minio_server: cdktf.stringToTerraform(this._minioServer),
      minio_session_token: cdktf.stringToTerraform(this._minioSessionToken),
      minio_ssl: cdktf.booleanToTerraform(this._minioSsl),
      minio_user: cdktf.stringToTerraform(this._minioUser),
      request_timeout_seconds: cdktf.numberToTerraform(this._requestTimeoutSeconds),
      retry_delay_ms: cdktf.numberToTerraform(this._retryDelayMs),
      s3_compat_mode: cdktf.booleanToTerraform(this._s3CompatMode),
      skip_bucket_tagging: cdktf.booleanToTerraform(this._skipBucketTagging),
      alias: cdktf.stringToTerraform(this._alias),
      assume_role: minioProviderAssumeRoleToTerraform(this._assumeRole),
      assume_role_with_web_identity: minioProviderAssumeRoleWithWebIdentityToTerraform(this._assumeRoleWithWebIdentity),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      max_retries: {
        value: cdktf.numberToHclTerraform(this._maxRetries),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      minio_access_key: {
        value: cdktf.stringToHclTerraform(this._minioAccessKey),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      minio_api_version: {
        value: cdktf.stringToHclTerraform(this._minioApiVersion),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      minio_cacert_file: {
        value: cdktf.stringToHclTerraform(this._minioCacertFile),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      minio_cert_file: {
        value: cdktf.stringToHclTerraform(this._minioCertFile),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      minio_debug: {
        value: cdktf.booleanToHclTerraform(this._minioDebug),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      minio_edition: {
        value: cdktf.stringToHclTerraform(this._minioEdition),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      minio_insecure: {
        value: cdktf.booleanToHclTerraform(this._minioInsecure),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      minio_key_file: {
        value: cdktf.stringToHclTerraform(this._minioKeyFile),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      minio_password: {
        value: cdktf.stringToHclTerraform(this._minioPassword),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      minio_region: {
        value: cdktf.stringToHclTerraform(this._minioRegion),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      minio_secret_key: {
        value: cdktf.stringToHclTerraform(this._minioSecretKey),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      minio_server: {
        value: cdktf.stringToHclTerraform(this._minioServer),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      minio_session_token: {
        value: cdktf.stringToHclTerraform(this._minioSessionToken),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      minio_ssl: {
        value: cdktf.booleanToHclTerraform(this._minioSsl),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      minio_user: {
        value: cdktf.stringToHclTerraform(this._minioUser),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      request_timeout_seconds: {
        value: cdktf.numberToHclTerraform(this._requestTimeoutSeconds),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      retry_delay_ms: {
        value: cdktf.numberToHclTerraform(this._retryDelayMs),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      s3_compat_mode: {
        value: cdktf.booleanToHclTerraform(this._s3CompatMode),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      skip_bucket_tagging: {
        value: cdktf.booleanToHclTerraform(this._skipBucketTagging),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      alias: {
        value: cdktf.stringToHclTerraform(this._alias),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      assume_role: {
        value: minioProviderAssumeRoleToHclTerraform(this._assumeRole),
        isBlock: true,
        type: "list",
        storageClassType: "MinioProviderAssumeRoleList",
      },
      assume_role_with_web_identity: {
        value: minioProviderAssumeRoleWithWebIdentityToHclTerraform(this._assumeRoleWithWebIdentity),
        isBlock: true,
        type: "list",
        storageClassType: "MinioProviderAssumeRoleWithWebIdentityList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
