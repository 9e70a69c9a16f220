// https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface ConsulProviderConfig {
  /**
  * The HTTP(S) API address of the agent to use. Defaults to "127.0.0.1:8500".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#address ConsulProvider#address}
  */
  readonly address?: string;
  /**
  * A path to a PEM-encoded certificate authority used to verify the remote agent's certificate.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#ca_file ConsulProvider#ca_file}
  */
  readonly caFile?: string;
  /**
  * A path to a directory of PEM-encoded certificate authority files to use to check the authenticity of client and server connections. Can also be specified with the `CONSUL_CAPATH` environment variable.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#ca_path ConsulProvider#ca_path}
  */
  readonly caPath?: string;
  /**
  * PEM-encoded certificate authority used to verify the remote agent's certificate.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#ca_pem ConsulProvider#ca_pem}
  */
  readonly caPem?: string;
  /**
  * A path to a PEM-encoded certificate provided to the remote agent; requires use of `key_file` or `key_pem`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#cert_file ConsulProvider#cert_file}
  */
  readonly certFile?: string;
  /**
  * PEM-encoded certificate provided to the remote agent; requires use of `key_file` or `key_pem`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#cert_pem ConsulProvider#cert_pem}
  */
  readonly certPem?: string;
  /**
  * The datacenter to use. Defaults to that of the agent.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#datacenter ConsulProvider#datacenter}
  */
  readonly datacenter?: string;
  /**
  * HTTP Basic Authentication credentials to be used when communicating with Consul, in the format of either `user` or `user:pass`. This may also be specified using the `CONSUL_HTTP_AUTH` environment variable.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#http_auth ConsulProvider#http_auth}
  */
  readonly httpAuth?: string;
  /**
  * Boolean value to disable SSL certificate verification; setting this value to true is not recommended for production use. Only use this with scheme set to "https".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#insecure_https ConsulProvider#insecure_https}
  */
  readonly insecureHttps?: boolean | cdktf.IResolvable;
  /**
  * A path to a PEM-encoded private key, required if `cert_file` or `cert_pem` is specified.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#key_file ConsulProvider#key_file}
  */
  readonly keyFile?: string;
  /**
  * PEM-encoded private key, required if `cert_file` or `cert_pem` is specified.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#key_pem ConsulProvider#key_pem}
  */
  readonly keyPem?: string;
  /**
  * Default Consul Enterprise namespace for requests (no upstream description).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#namespace ConsulProvider#namespace}
  */
  readonly namespace?: string;
  /**
  * The URL scheme of the agent to use ("http" or "https"). Defaults to "http".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#scheme ConsulProvider#scheme}
  */
  readonly scheme?: string;
  /**
  * The ACL token to use by default when making requests to the agent. Can also be specified with `CONSUL_HTTP_TOKEN` or `CONSUL_TOKEN` as an environment variable.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#token ConsulProvider#token}
  */
  readonly token?: string;
  /**
  * Alias name
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#alias ConsulProvider#alias}
  */
  readonly alias?: string;
  /**
  * auth_jwt block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#auth_jwt ConsulProvider#auth_jwt}
  */
  readonly authJwt?: ConsulProviderAuthJwt;
  /**
  * auth_login_aws block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#auth_login_aws ConsulProvider#auth_login_aws}
  */
  readonly authLoginAws?: ConsulProviderAuthLoginAws;
  /**
  * header block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#header ConsulProvider#header}
  */
  readonly header?: ConsulProviderHeader[] | cdktf.IResolvable;
}
export interface ConsulProviderAuthJwt {
  /**
  * The name of the auth method to use for login.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#auth_method ConsulProvider#auth_method}
  */
  readonly authMethod: string;
  /**
  * The bearer token to present to the auth method during login for authentication purposes. For the Kubernetes auth method this is a [Service Account Token (JWT)](https://kubernetes.io/docs/reference/access-authn-authz/authentication/#service-account-tokens).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#bearer_token ConsulProvider#bearer_token}
  */
  readonly bearerToken?: string;
  /**
  * Specifies arbitrary KV metadata linked to the token. Can be useful to track origins.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#meta ConsulProvider#meta}
  */
  readonly meta?: { [key: string]: string };
  /**
  * Whether to use a [Terraform Workload Identity token](https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens). The token will be read from the `TFC_WORKLOAD_IDENTITY_TOKEN` environment variable.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#use_terraform_cloud_workload_identity ConsulProvider#use_terraform_cloud_workload_identity}
  */
  readonly useTerraformCloudWorkloadIdentity?: boolean | cdktf.IResolvable;
}

export function consulProviderAuthJwtToTerraform(struct?: ConsulProviderAuthJwt): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    auth_method: cdktf.stringToTerraform(struct!.authMethod),
    bearer_token: cdktf.stringToTerraform(struct!.bearerToken),
    meta: cdktf.hashMapper(cdktf.stringToTerraform)(struct!.meta),
    use_terraform_cloud_workload_identity: cdktf.booleanToTerraform(struct!.useTerraformCloudWorkloadIdentity),
  }
}


export function consulProviderAuthJwtToHclTerraform(struct?: ConsulProviderAuthJwt): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    auth_method: {
      value: cdktf.stringToHclTerraform(struct!.authMethod),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    bearer_token: {
      value: cdktf.stringToHclTerraform(struct!.bearerToken),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    meta: {
      value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(struct!.meta),
      isBlock: false,
      type: "map",
      storageClassType: "stringMap",
    },
    use_terraform_cloud_workload_identity: {
      value: cdktf.booleanToHclTerraform(struct!.useTerraformCloudWorkloadIdentity),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export interface ConsulProviderAuthLoginAws {
  /**
  * The name of the Consul auth method to use for login.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#auth_method ConsulProvider#auth_method}
  */
  readonly authMethod: string;
  /**
  * The AWS access key ID.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#aws_access_key_id ConsulProvider#aws_access_key_id}
  */
  readonly awsAccessKeyId?: string;
  /**
  * The IAM endpoint URL.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#aws_iam_endpoint ConsulProvider#aws_iam_endpoint}
  */
  readonly awsIamEndpoint?: string;
  /**
  * The name of the AWS profile.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#aws_profile ConsulProvider#aws_profile}
  */
  readonly awsProfile?: string;
  /**
  * The AWS region.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#aws_region ConsulProvider#aws_region}
  */
  readonly awsRegion?: string;
  /**
  * The ARN of the AWS Role to assume. Used during STS AssumeRole
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#aws_role_arn ConsulProvider#aws_role_arn}
  */
  readonly awsRoleArn?: string;
  /**
  * Specifies the name to attach to the AWS role session. Used during STS AssumeRole
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#aws_role_session_name ConsulProvider#aws_role_session_name}
  */
  readonly awsRoleSessionName?: string;
  /**
  * The AWS secret access key.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#aws_secret_access_key ConsulProvider#aws_secret_access_key}
  */
  readonly awsSecretAccessKey?: string;
  /**
  * The AWS session token.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#aws_session_token ConsulProvider#aws_session_token}
  */
  readonly awsSessionToken?: string;
  /**
  * Path to the AWS shared credentials file.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#aws_shared_credentials_file ConsulProvider#aws_shared_credentials_file}
  */
  readonly awsSharedCredentialsFile?: string;
  /**
  * The STS endpoint URL.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#aws_sts_endpoint ConsulProvider#aws_sts_endpoint}
  */
  readonly awsStsEndpoint?: string;
  /**
  * Path to the file containing an OAuth 2.0 access token or OpenID Connect ID token.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#aws_web_identity_token_file ConsulProvider#aws_web_identity_token_file}
  */
  readonly awsWebIdentityTokenFile?: string;
  /**
  * Specifies arbitrary KV metadata linked to the token. Can be useful to track origins.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#meta ConsulProvider#meta}
  */
  readonly meta?: { [key: string]: string };
  /**
  * The Consul namespace to authenticate to.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#namespace ConsulProvider#namespace}
  */
  readonly namespace?: string;
  /**
  * The Consul admin partition to authenticate to.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#partition ConsulProvider#partition}
  */
  readonly partition?: string;
  /**
  * The Consul Server ID header value to include in the STS signing request. This must match the ServerIDHeaderValue configured in the Consul auth method.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#server_id_header_value ConsulProvider#server_id_header_value}
  */
  readonly serverIdHeaderValue?: string;
}

export function consulProviderAuthLoginAwsToTerraform(struct?: ConsulProviderAuthLoginAws): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    auth_method: cdktf.stringToTerraform(struct!.authMethod),
    aws_access_key_id: cdktf.stringToTerraform(struct!.awsAccessKeyId),
    aws_iam_endpoint: cdktf.stringToTerraform(struct!.awsIamEndpoint),
    aws_profile: cdktf.stringToTerraform(struct!.awsProfile),
    aws_region: cdktf.stringToTerraform(struct!.awsRegion),
    aws_role_arn: cdktf.stringToTerraform(struct!.awsRoleArn),
    aws_role_session_name: cdktf.stringToTerraform(struct!.awsRoleSessionName),
    aws_secret_access_key: cdktf.stringToTerraform(struct!.awsSecretAccessKey),
    aws_session_token: cdktf.stringToTerraform(struct!.awsSessionToken),
    aws_shared_credentials_file: cdktf.stringToTerraform(struct!.awsSharedCredentialsFile),
    aws_sts_endpoint: cdktf.stringToTerraform(struct!.awsStsEndpoint),
    aws_web_identity_token_file: cdktf.stringToTerraform(struct!.awsWebIdentityTokenFile),
    meta: cdktf.hashMapper(cdktf.stringToTerraform)(struct!.meta),
    namespace: cdktf.stringToTerraform(struct!.namespace),
    partition: cdktf.stringToTerraform(struct!.partition),
    server_id_header_value: cdktf.stringToTerraform(struct!.serverIdHeaderValue),
  }
}


export function consulProviderAuthLoginAwsToHclTerraform(struct?: ConsulProviderAuthLoginAws): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    auth_method: {
      value: cdktf.stringToHclTerraform(struct!.authMethod),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    aws_access_key_id: {
      value: cdktf.stringToHclTerraform(struct!.awsAccessKeyId),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    aws_iam_endpoint: {
      value: cdktf.stringToHclTerraform(struct!.awsIamEndpoint),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    aws_profile: {
      value: cdktf.stringToHclTerraform(struct!.awsProfile),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    aws_region: {
      value: cdktf.stringToHclTerraform(struct!.awsRegion),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    aws_role_arn: {
      value: cdktf.stringToHclTerraform(struct!.awsRoleArn),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    aws_role_session_name: {
      value: cdktf.stringToHclTerraform(struct!.awsRoleSessionName),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    aws_secret_access_key: {
      value: cdktf.stringToHclTerraform(struct!.awsSecretAccessKey),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    aws_session_token: {
      value: cdktf.stringToHclTerraform(struct!.awsSessionToken),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    aws_shared_credentials_file: {
      value: cdktf.stringToHclTerraform(struct!.awsSharedCredentialsFile),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    aws_sts_endpoint: {
      value: cdktf.stringToHclTerraform(struct!.awsStsEndpoint),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    aws_web_identity_token_file: {
      value: cdktf.stringToHclTerraform(struct!.awsWebIdentityTokenFile),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    meta: {
      value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(struct!.meta),
      isBlock: false,
      type: "map",
      storageClassType: "stringMap",
    },
    namespace: {
      value: cdktf.stringToHclTerraform(struct!.namespace),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    partition: {
      value: cdktf.stringToHclTerraform(struct!.partition),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    server_id_header_value: {
      value: cdktf.stringToHclTerraform(struct!.serverIdHeaderValue),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export interface ConsulProviderHeader {
  /**
  * The name of the header.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#name ConsulProvider#name}
  */
  readonly name: string;
  /**
  * The value of the header.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#value ConsulProvider#value}
  */
  readonly value: string;
}

export function consulProviderHeaderToTerraform(struct?: ConsulProviderHeader | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    name: cdktf.stringToTerraform(struct!.name),
    value: cdktf.stringToTerraform(struct!.value),
  }
}


export function consulProviderHeaderToHclTerraform(struct?: ConsulProviderHeader | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    name: {
      value: cdktf.stringToHclTerraform(struct!.name),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    value: {
      value: cdktf.stringToHclTerraform(struct!.value),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}


/**
* Represents a {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs consul}
*/
export class ConsulProvider extends cdktf.TerraformProvider {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "consul";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a ConsulProvider resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the ConsulProvider to import
  * @param importFromId The id of the existing ConsulProvider that should be imported. Refer to the {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the ConsulProvider to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "consul", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/hashicorp/consul/2.23.0/docs consul} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ConsulProviderConfig = {}
  */
  public constructor(scope: Construct, id: string, config: ConsulProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'consul',
      terraformGeneratorMetadata: {
        providerName: 'consul',
        providerVersion: '2.23.0',
        providerVersionConstraint: '2.23.0'
      },
      terraformProviderSource: 'hashicorp/consul'
    });
    this._address = config.address;
    this._caFile = config.caFile;
    this._caPath = config.caPath;
    this._caPem = config.caPem;
    this._certFile = config.certFile;
    this._certPem = config.certPem;
    this._datacenter = config.datacenter;
    this._httpAuth = config.httpAuth;
    this._insecureHttps = config.insecureHttps;
    this._keyFile = config.keyFile;
    this._keyPem = config.keyPem;
    this._namespace = config.namespace;
    this._scheme = config.scheme;
    this._token = config.token;
    this._alias = config.alias;
    this._authJwt = config.authJwt;
    this._authLoginAws = config.authLoginAws;
    this._header = config.header;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // address - computed: false, optional: true, required: false
  private _address?: string; 
  public get address() {
    return this._address;
  }
  public set address(value: string | undefined) {
    this._address = value;
  }
  public resetAddress() {
    this._address = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get addressInput() {
    return this._address;
  }

  // ca_file - computed: false, optional: true, required: false
  private _caFile?: string; 
  public get caFile() {
    return this._caFile;
  }
  public set caFile(value: string | undefined) {
    this._caFile = value;
  }
  public resetCaFile() {
    this._caFile = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get caFileInput() {
    return this._caFile;
  }

  // ca_path - computed: false, optional: true, required: false
  private _caPath?: string; 
  public get caPath() {
    return this._caPath;
  }
  public set caPath(value: string | undefined) {
    this._caPath = value;
  }
  public resetCaPath() {
    this._caPath = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get caPathInput() {
    return this._caPath;
  }

  // ca_pem - computed: false, optional: true, required: false
  private _caPem?: string; 
  public get caPem() {
    return this._caPem;
  }
  public set caPem(value: string | undefined) {
    this._caPem = value;
  }
  public resetCaPem() {
    this._caPem = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get caPemInput() {
    return this._caPem;
  }

  // cert_file - computed: false, optional: true, required: false
  private _certFile?: string; 
  public get certFile() {
    return this._certFile;
  }
  public set certFile(value: string | undefined) {
    this._certFile = value;
  }
  public resetCertFile() {
    this._certFile = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get certFileInput() {
    return this._certFile;
  }

  // cert_pem - computed: false, optional: true, required: false
  private _certPem?: string; 
  public get certPem() {
    return this._certPem;
  }
  public set certPem(value: string | undefined) {
    this._certPem = value;
  }
  public resetCertPem() {
    this._certPem = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get certPemInput() {
    return this._certPem;
  }

  // datacenter - computed: false, optional: true, required: false
  private _datacenter?: string; 
  public get datacenter() {
    return this._datacenter;
  }
  public set datacenter(value: string | undefined) {
    this._datacenter = value;
  }
  public resetDatacenter() {
    this._datacenter = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get datacenterInput() {
    return this._datacenter;
  }

  // http_auth - computed: false, optional: true, required: false
  private _httpAuth?: string; 
  public get httpAuth() {
    return this._httpAuth;
  }
  public set httpAuth(value: string | undefined) {
    this._httpAuth = value;
  }
  public resetHttpAuth() {
    this._httpAuth = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get httpAuthInput() {
    return this._httpAuth;
  }

  // insecure_https - computed: false, optional: true, required: false
  private _insecureHttps?: boolean | cdktf.IResolvable; 
  public get insecureHttps() {
    return this._insecureHttps;
  }
  public set insecureHttps(value: boolean | cdktf.IResolvable | undefined) {
    this._insecureHttps = value;
  }
  public resetInsecureHttps() {
    this._insecureHttps = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get insecureHttpsInput() {
    return this._insecureHttps;
  }

  // key_file - computed: false, optional: true, required: false
  private _keyFile?: string; 
  public get keyFile() {
    return this._keyFile;
  }
  public set keyFile(value: string | undefined) {
    this._keyFile = value;
  }
  public resetKeyFile() {
    this._keyFile = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get keyFileInput() {
    return this._keyFile;
  }

  // key_pem - computed: false, optional: true, required: false
  private _keyPem?: string; 
  public get keyPem() {
    return this._keyPem;
  }
  public set keyPem(value: string | undefined) {
    this._keyPem = value;
  }
  public resetKeyPem() {
    this._keyPem = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get keyPemInput() {
    return this._keyPem;
  }

  // namespace - computed: false, optional: true, required: false
  private _namespace?: string; 
  public get namespace() {
    return this._namespace;
  }
  public set namespace(value: string | undefined) {
    this._namespace = value;
  }
  public resetNamespace() {
    this._namespace = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get namespaceInput() {
    return this._namespace;
  }

  // scheme - computed: false, optional: true, required: false
  private _scheme?: string; 
  public get scheme() {
    return this._scheme;
  }
  public set scheme(value: string | undefined) {
    this._scheme = value;
  }
  public resetScheme() {
    this._scheme = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get schemeInput() {
    return this._scheme;
  }

  // token - computed: false, optional: true, required: false
  private _token?: string; 
  public get token() {
    return this._token;
  }
  public set token(value: string | undefined) {
    this._token = value;
  }
  public resetToken() {
    this._token = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tokenInput() {
    return this._token;
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

  // auth_jwt - computed: false, optional: true, required: false
  private _authJwt?: ConsulProviderAuthJwt; 
  public get authJwt() {
    return this._authJwt;
  }
  public set authJwt(value: ConsulProviderAuthJwt | undefined) {
    this._authJwt = value;
  }
  public resetAuthJwt() {
    this._authJwt = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get authJwtInput() {
    return this._authJwt;
  }

  // auth_login_aws - computed: false, optional: true, required: false
  private _authLoginAws?: ConsulProviderAuthLoginAws; 
  public get authLoginAws() {
    return this._authLoginAws;
  }
  public set authLoginAws(value: ConsulProviderAuthLoginAws | undefined) {
    this._authLoginAws = value;
  }
  public resetAuthLoginAws() {
    this._authLoginAws = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get authLoginAwsInput() {
    return this._authLoginAws;
  }

  // header - computed: false, optional: true, required: false
  private _header?: ConsulProviderHeader[] | cdktf.IResolvable; 
  public get header() {
    return this._header;
  }
  public set header(value: ConsulProviderHeader[] | cdktf.IResolvable | undefined) {
    this._header = value;
  }
  public resetHeader() {
    this._header = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get headerInput() {
    return this._header;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      address: cdktf.stringToTerraform(this._address),
      ca_file: cdktf.stringToTerraform(this._caFile),
      ca_path: cdktf.stringToTerraform(this._caPath),
      ca_pem: cdktf.stringToTerraform(this._caPem),
      cert_file: cdktf.stringToTerraform(this._certFile),
      cert_pem: cdktf.stringToTerraform(this._certPem),
      datacenter: cdktf.stringToTerraform(this._datacenter),
      http_auth: cdktf.stringToTerraform(this._httpAuth),
      insecure_https: cdktf.booleanToTerraform(this._insecureHttps),
      key_file: cdktf.stringToTerraform(this._keyFile),
      key_pem: cdktf.stringToTerraform(this._keyPem),
      namespace: cdktf.stringToTerraform(this._namespace),
      scheme: cdktf.stringToTerraform(this._scheme),
      token: cdktf.stringToTerraform(this._token),
      alias: cdktf.stringToTerraform(this._alias),
      auth_jwt: consulProviderAuthJwtToTerraform(this._authJwt),
      auth_login_aws: consulProviderAuthLoginAwsToTerraform(this._authLoginAws),
      header: cdktf.listMapper(consulProviderHeaderToTerraform, true)(this._header),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      address: {
        value: cdktf.stringToHclTerraform(this._address),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      ca_file: {
        value: cdktf.stringToHclTerraform(this._caFile),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      ca_path: {
        value: cdktf.stringToHclTerraform(this._caPath),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      ca_pem: {
        value: cdktf.stringToHclTerraform(this._caPem),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      cert_file: {
        value: cdktf.stringToHclTerraform(this._certFile),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      cert_pem: {
        value: cdktf.stringToHclTerraform(this._certPem),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      datacenter: {
        value: cdktf.stringToHclTerraform(this._datacenter),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      http_auth: {
        value: cdktf.stringToHclTerraform(this._httpAuth),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      insecure_https: {
        value: cdktf.booleanToHclTerraform(this._insecureHttps),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      key_file: {
        value: cdktf.stringToHclTerraform(this._keyFile),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      key_pem: {
        value: cdktf.stringToHclTerraform(this._keyPem),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      namespace: {
        value: cdktf.stringToHclTerraform(this._namespace),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      scheme: {
        value: cdktf.stringToHclTerraform(this._scheme),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      token: {
        value: cdktf.stringToHclTerraform(this._token),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      alias: {
        value: cdktf.stringToHclTerraform(this._alias),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      auth_jwt: {
        value: consulProviderAuthJwtToHclTerraform(this._authJwt),
        isBlock: true,
        type: "list",
        storageClassType: "ConsulProviderAuthJwtList",
      },
      auth_login_aws: {
        value: consulProviderAuthLoginAwsToHclTerraform(this._authLoginAws),
        isBlock: true,
        type: "list",
        storageClassType: "ConsulProviderAuthLoginAwsList",
      },
      header: {
        value: cdktf.listMapperHcl(consulProviderHeaderToHclTerraform, true)(this._header),
        isBlock: true,
        type: "list",
        storageClassType: "ConsulProviderHeaderList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
