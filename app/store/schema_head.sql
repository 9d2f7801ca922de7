-- The schema of a plancheck database at the newest Alembic revision, as SQLite stores it
-- (sqlite_master) after app/store/migrations have run on a new file. A new SQLite file is
-- made from it in one step (app/store/schema_template.py). Written by
-- `python -m app.store.schema_template`; do not edit by hand.
-- revision: 0006

CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TABLE audit_extractions_z (
	"key" VARCHAR(64) NOT NULL, 
	plan_json BLOB NOT NULL, 
	PRIMARY KEY ("key")
);

CREATE TABLE audit_hierarchies (
	"key" VARCHAR(64) NOT NULL, 
	parents_json TEXT NOT NULL, 
	PRIMARY KEY ("key")
);

CREATE TABLE "audit_outputs" (
	"key" VARCHAR(64) NOT NULL, 
	index_html TEXT NOT NULL, 
	workbook BLOB NOT NULL, 
	audit_json BLOB NOT NULL, 
	PRIMARY KEY ("key")
);

CREATE TABLE audit_results_z (
	"key" VARCHAR(64) NOT NULL, 
	report_json BLOB NOT NULL, 
	report_html BLOB NOT NULL, 
	summary_json BLOB NOT NULL, 
	has_errors BOOLEAN NOT NULL, report_docx BLOB, 
	PRIMARY KEY ("key")
);

CREATE TABLE "check_run" (
	id INTEGER NOT NULL, 
	upload_id INTEGER NOT NULL, 
	parent_kind VARCHAR(10) NOT NULL, 
	parent_ref VARCHAR(255), 
	parent_label TEXT, 
	parent_detected BOOLEAN NOT NULL, 
	previous_run_id INTEGER, 
	status VARCHAR(10) NOT NULL, 
	errors INTEGER NOT NULL, 
	warnings INTEGER NOT NULL, 
	infos INTEGER NOT NULL, 
	waived INTEGER NOT NULL, 
	created DATETIME NOT NULL, 
	plan_json BLOB NOT NULL, 
	parent_plan_json BLOB, 
	result_json BLOB NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(upload_id) REFERENCES upload (id), 
	FOREIGN KEY(previous_run_id) REFERENCES check_run (id)
);

CREATE INDEX ix_check_run_status ON check_run (status);

CREATE INDEX ix_check_run_upload_id ON check_run (upload_id);

CREATE TABLE office (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

CREATE TABLE sign_in_attempt (
	username_key VARCHAR(80) NOT NULL, 
	attempts INTEGER NOT NULL, 
	window_start FLOAT NOT NULL, 
	PRIMARY KEY (username_key)
);

CREATE INDEX ix_sign_in_attempt_window_start ON sign_in_attempt (window_start);

CREATE TABLE "upload" (
	id INTEGER NOT NULL, 
	storage_name VARCHAR(80) NOT NULL, 
	original_name VARCHAR(255) NOT NULL, 
	extension VARCHAR(8) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	size INTEGER NOT NULL, 
	office_id INTEGER NOT NULL, 
	uploader_id INTEGER NOT NULL, 
	created DATETIME NOT NULL, 
	issuer VARCHAR(300), 
	number VARCHAR(100), 
	title TEXT, 
	error_reason VARCHAR(40), 
	error_message TEXT, 
	lineage_id INTEGER, 
	version_of_id INTEGER, 
	PRIMARY KEY (id), 
	CONSTRAINT fk_upload_lineage_id FOREIGN KEY(lineage_id) REFERENCES upload (id), 
	CONSTRAINT fk_upload_version_of_id FOREIGN KEY(version_of_id) REFERENCES upload (id), 
	FOREIGN KEY(office_id) REFERENCES office (id), 
	FOREIGN KEY(uploader_id) REFERENCES user_account (id), 
	UNIQUE (storage_name)
);

CREATE INDEX ix_upload_issuer ON upload (issuer);

CREATE INDEX ix_upload_lineage_id ON upload (lineage_id);

CREATE INDEX ix_upload_office_id ON upload (office_id);

CREATE INDEX ix_upload_sha256 ON upload (sha256);

CREATE TABLE user_account (
	id INTEGER NOT NULL, 
	username VARCHAR(80) NOT NULL, 
	full_name VARCHAR(200) NOT NULL, 
	password_hash VARCHAR(300) NOT NULL, 
	role VARCHAR(20) NOT NULL, 
	office_id INTEGER NOT NULL, 
	created DATETIME NOT NULL, session_generation INTEGER DEFAULT '0' NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (username), 
	FOREIGN KEY(office_id) REFERENCES office (id)
);

CREATE TABLE waiver (
	id INTEGER NOT NULL, 
	office_id INTEGER NOT NULL, 
	fingerprint VARCHAR(64) NOT NULL, 
	code VARCHAR(20) NOT NULL, 
	reason TEXT NOT NULL, 
	user_id INTEGER NOT NULL, 
	created DATETIME NOT NULL, 
	scope VARCHAR(24) NOT NULL, 
	upload_id INTEGER, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_waiver_scope UNIQUE (office_id, fingerprint, scope), 
	FOREIGN KEY(office_id) REFERENCES office (id), 
	FOREIGN KEY(user_id) REFERENCES user_account (id), 
	FOREIGN KEY(upload_id) REFERENCES upload (id)
);

CREATE INDEX ix_waiver_office_id ON waiver (office_id);

