// https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface NotifyKafkaConfig extends cdktf.TerraformMetaArguments {
  /**
  * Number of messages to batch before sending to Kafka.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#batch_size NotifyKafka#batch_size}
  */
  readonly batchSize?: number;
  /**
  * Comma-separated list of Kafka broker addresses (e.g., 'host1:9092,host2:9092').
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#brokers NotifyKafka#brokers}
  */
  readonly brokers: string;
  /**
  * Path to the client TLS certificate for mTLS authentication.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#client_tls_cert NotifyKafka#client_tls_cert}
  */
  readonly clientTlsCert?: string;
  /**
  * Path to the client TLS private key. MinIO does not return this value on read; Terraform keeps the value from your configuration.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#client_tls_key NotifyKafka#client_tls_key}
  */
  readonly clientTlsKey?: string;
  /**
  * Comment or description for this notification target.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#comment NotifyKafka#comment}
  */
  readonly comment?: string;
  /**
  * Whether this notification target is enabled.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#enable NotifyKafka#enable}
  */
  readonly enable?: boolean | cdktf.IResolvable;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#id NotifyKafka#id}
  *
  * Please be aware that the id field is automatically added to all resources in Terraform providers using a Terraform provider SDK version below 2.
  * If you experience problems setting this value it might not be settable. Please take a look at the provider documentation to ensure it should be settable.
  */
  readonly id?: string;
  /**
  * Target name identifier.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#name NotifyKafka#name}
  */
  readonly name: string;
  /**
  * Directory path for persistent event store when the target is offline.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#queue_dir NotifyKafka#queue_dir}
  */
  readonly queueDir?: string;
  /**
  * Maximum number of undelivered messages to queue.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#queue_limit NotifyKafka#queue_limit}
  */
  readonly queueLimit?: number;
  /**
  * SASL authentication mechanism: 'plain', 'scram-sha-256', or 'scram-sha-512'.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#sasl_mechanism NotifyKafka#sasl_mechanism}
  */
  readonly saslMechanism?: string;
  /**
  * SASL password for Kafka authentication. MinIO does not return this value on read; Terraform keeps the value from your configuration.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#sasl_password NotifyKafka#sasl_password}
  */
  readonly saslPassword?: string;
  /**
  * SASL username for Kafka authentication.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#sasl_username NotifyKafka#sasl_username}
  */
  readonly saslUsername?: string;
  /**
  * Whether to enable TLS for the Kafka connection.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#tls NotifyKafka#tls}
  */
  readonly tls?: boolean | cdktf.IResolvable;
  /**
  * TLS client authentication type (0=NoClientCert, 1=RequestClientCert, etc.).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#tls_client_auth NotifyKafka#tls_client_auth}
  */
  readonly tlsClientAuth?: number;
  /**
  * Whether to skip TLS certificate verification.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#tls_skip_verify NotifyKafka#tls_skip_verify}
  */
  readonly tlsSkipVerify?: boolean | cdktf.IResolvable;
  /**
  * Kafka topic to publish event notifications to.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#topic NotifyKafka#topic}
  */
  readonly topic: string;
  /**
  * Kafka cluster version (e.g., '2.8.0').
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#version NotifyKafka#version}
  */
  readonly version?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka minio_notify_kafka}
*/
export class NotifyKafka extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "minio_notify_kafka";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a NotifyKafka resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the NotifyKafka to import
  * @param importFromId The id of the existing NotifyKafka that should be imported. Refer to the {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the NotifyKafka to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "minio_notify_kafka", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/aminueza/minio/3.40.1/docs/resources/notify_kafka minio_notify_kafka} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options NotifyKafkaConfig
  */
  public constructor(scope: Construct, id: string, config: NotifyKafkaConfig) {
    super(scope, id, {
      terraformResourceType: 'minio_notify_kafka',
      terraformGeneratorMetadata: {
        providerName: 'minio',
        providerVersion: '3.40.1',
        providerVersionConstraint: '3.40.1'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._batchSize = config.batchSize;
    this._brokers = config.brokers;
    this._clientTlsCert = config.clientTlsCert;
    this._clientTlsKey = config.clientTlsKey;
    this._comment = config.comment;
    this._enable = config.enable;
    this._id = config.id;
    this._name = config.name;
    this._queueDir = config.queueDir;
    this._queueLimit = config.queueLimit;
    this._saslMechanism = config.saslMechanism;
    this._saslPassword = config.saslPassword;
    this._saslUsername = config.saslUsername;
    this._tls = config.tls;
    this._tlsClientAuth = config.tlsClientAuth;
    this._tlsSkipVerify = config.tlsSkipVerify;
    this._topic = config.topic;
    this._version = config.version;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // batch_size - computed: true, optional: true, required: false
  private _batchSize?: number; 
  public get batchSize() {
    return this.getNumberAttribute('batch_size');
  }
  public set batchSize(value: number) {
    this._batchSize = value;
  }
  public resetBatchSize() {
    this._batchSize = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get batchSizeInput() {
    return this._batchSize;
  }

  // brokers - computed: false, optional: false, required: true
  private _brokers?: string; 
  public get brokers() {
    return this.getStringAttribute('brokers');
  }
  public set brokers(value: string) {
    this._brokers = value;
  }
  // Temporarily expose input value. Use with caution.
  public get brokersInput() {
    return this._brokers;
  }

  // client_tls_cert - computed: false, optional: true, required: false
  private _clientTlsCert?: string; 
  public get clientTlsCert() {
    return this.getStringAttribute('client_tls_cert');
  }
  public set clientTlsCert(value: string) {
    this._clientTlsCert = value;
  }
  public resetClientTlsCert() {
    this._clientTlsCert = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientTlsCertInput() {
    return this._clientTlsCert;
  }

  // client_tls_key - computed: false, optional: true, required: false
  private _clientTlsKey?: string; 
  public get clientTlsKey() {
    return this.getStringAttribute('client_tls_key');
  }
  public set clientTlsKey(value: string) {
    this._clientTlsKey = value;
  }
  public resetClientTlsKey() {
    this._clientTlsKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientTlsKeyInput() {
    return this._clientTlsKey;
  }

  // comment - computed: false, optional: true, required: false
  private _comment?: string; 
  public get comment() {
    return this.getStringAttribute('comment');
  }
  public set comment(value: string) {
    this._comment = value;
  }
  public resetComment() {
    this._comment = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get commentInput() {
    return this._comment;
  }

  // enable - computed: false, optional: true, required: false
  private _enable?: boolean | cdktf.IResolvable; 
  public get enable() {
    return this.getBooleanAttribute('enable');
  }
  public set enable(value: boolean | cdktf.IResolvable) {
    this._enable = value;
  }
  public resetEnable() {
    this._enable = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get enableInput() {
    return this._enable;
  }

  // id - computed: true, optional: true, required: false
  private _id?: string; 
  public get id() {
    return this.getStringAttribute('id');
  }
  public set id(value: string) {
    this._id = value;
  }
  public resetId() {
    this._id = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get idInput() {
    return this._id;
  }

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
  }

  // queue_dir - computed: false, optional: true, required: false
  private _queueDir?: string; 
  public get queueDir() {
    return this.getStringAttribute('queue_dir');
  }
  public set queueDir(value: string) {
    this._queueDir = value;
  }
  public resetQueueDir() {
    this._queueDir = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get queueDirInput() {
    return this._queueDir;
  }

  // queue_limit - computed: true, optional: true, required: false
  private _queueLimit?: number; 
  public get queueLimit() {
    return this.getNumberAttribute('queue_limit');
  }
  public set queueLimit(value: number) {
    this._queueLimit = value;
  }
  public resetQueueLimit() {
    this._queueLimit = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get queueLimitInput() {
    return this._queueLimit;
  }

  // restart_required - computed: true, optional: false, required: false
  public get restartRequired() {
    return this.getBooleanAttribute('restart_required');
  }

  // sasl_mechanism - computed: false, optional: true, required: false
  private _saslMechanism?: string; 
  public get saslMechanism() {
    return this.getStringAttribute('sasl_mechanism');
  }
  public set saslMechanism(value: string) {
    this._saslMechanism = value;
  }
  public resetSaslMechanism() {
    this._saslMechanism = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get saslMechanismInput() {
    return this._saslMechanism;
  }

  // sasl_password - computed: false, optional: true, required: false
  private _saslPassword?: string; 
  public get saslPassword() {
    return this.getStringAttribute('sasl_password');
  }
  public set saslPassword(value: string) {
    this._saslPassword = value;
  }
  public resetSaslPassword() {
    this._saslPassword = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get saslPasswordInput() {
    return this._saslPassword;
  }

  // sasl_username - computed: false, optional: true, required: false
  private _saslUsername?: string; 
  public get saslUsername() {
    return this.getStringAttribute('sasl_username');
  }
  public set saslUsername(value: string) {
    this._saslUsername = value;
  }
  public resetSaslUsername() {
    this._saslUsername = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get saslUsernameInput() {
    return this._saslUsername;
  }

  // tls - computed: false, optional: true, required: false
  private _tls?: boolean | cdktf.IResolvable; 
  public get tls() {
    return this.getBooleanAttribute('tls');
  }
  public set tls(value: boolean | cdktf.IResolvable) {
    this._tls = value;
  }
  public resetTls() {
    this._tls = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tlsInput() {
    return this._tls;
  }

  // tls_client_auth - computed: false, optional: true, required: false
  private _tlsClientAuth?: number; 
  public get tlsClientAuth() {
    return this.getNumberAttribute('tls_client_auth');
  }
  public set tlsClientAuth(value: number) {
    this._tlsClientAuth = value;
  }
  public resetTlsClientAuth() {
    this._tlsClientAuth = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tlsClientAuthInput() {
    return this._tlsClientAuth;
  }

  // tls_skip_verify - computed: false, optional: true, required: false
  private _tlsSkipVerify?: boolean | cdktf.IResolvable; 
  public get tlsSkipVerify() {
    return this.getBooleanAttribute('tls_skip_verify');
  }
  public set tlsSkipVerify(value: boolean | cdktf.IResolvable) {
    this._tlsSkipVerify = value;
  }
  public resetTlsSkipVerify() {
    this._tlsSkipVerify = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tlsSkipVerifyInput() {
    return this._tlsSkipVerify;
  }

  // topic - computed: false, optional: false, required: true
  private _topic?: string; 
  public get topic() {
    return this.getStringAttribute('topic');
  }
  public set topic(value: string) {
    this._topic = value;
  }
  // Temporarily expose input value. Use with caution.
  public get topicInput() {
    return this._topic;
  }

  // version - computed: false, optional: true, required: false
  private _version?: string; 
  public get version() {
    return this.getStringAttribute('version');
  }
  public set version(value: string) {
    this._version = value;
  }
  public resetVersion() {
    this._version = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get versionInput() {
    return this._version;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      batch_size: cdktf.numberToTerraform(this._batchSize),
      brokers: cdktf.stringToTerraform(this._brokers),
      client_tls_cert: cdktf.stringToTerraform(this._clientTlsCert),
      client_tls_key: cdktf.stringToTerraform(this._clientTlsKey),
      comment: cdktf.stringToTerraform(this._comment),
      enable: cdktf.booleanToTerraform(this._enable),
      id: cdktf.stringToTerraform(this._id),
      name: cdktf.stringToTerraform(this._name),
      queue_dir: cdktf.stringToTerraform(this._queueDir),
      queue_limit: cdktf.numberToTerraform(this._queueLimit),
      sasl_mechanism: cdktf.stringToTerraform(this._saslMechanism),
      sasl_password: cdktf.stringToTerraform(this._saslPassword),
      sasl_username: cdktf.stringToTerraform(this._saslUsername),
      tls: cdktf.booleanToTerraform(this._tls),
      tls_client_auth: cdktf.numberToTerraform(this._tlsClientAuth),
      tls_skip_verify: cdktf.booleanToTerraform(this._tlsSkipVerify),
      topic: cdktf.stringToTerraform(this._topic),
      version: cdktf.stringToTerraform(this._version),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      batch_size: {
        value: cdktf.numberToHclTerraform(this._batchSize),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      brokers: {
        value: cdktf.stringToHclTerraform(this._brokers),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      client_tls_cert: {
        value: cdktf.stringToHclTerraform(this._clientTlsCert),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      client_tls_key: {
        value: cdktf.stringToHclTerraform(this._clientTlsKey),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      comment: {
        value: cdktf.stringToHclTerraform(this._comment),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      enable: {
        value: cdktf.booleanToHclTerraform(this._enable),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      id: {
        value: cdktf.stringToHclTerraform(this._id),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      queue_dir: {
        value: cdktf.stringToHclTerraform(this._queueDir),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      queue_limit: {
        value: cdktf.numberToHclTerraform(this._queueLimit),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      sasl_mechanism: {
        value: cdktf.stringToHclTerraform(this._saslMechanism),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      sasl_password: {
        value: cdktf.stringToHclTerraform(this._saslPassword),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      sasl_username: {
        value: cdktf.stringToHclTerraform(this._saslUsername),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      tls: {
        value: cdktf.booleanToHclTerraform(this._tls),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      tls_client_auth: {
        value: cdktf.numberToHclTerraform(this._tlsClientAuth),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      tls_skip_verify: {
        value: cdktf.booleanToHclTerraform(this._tlsSkipVerify),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      topic: {
        value: cdktf.stringToHclTerraform(this._topic),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      version: {
        value: cdktf.stringToHclTerraform(this._version),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
