CREATE TABLE IF NOT EXISTS user_account (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    app_id         VARCHAR(64)  NOT NULL,
    openid         VARCHAR(128) NOT NULL,
    unionid        VARCHAR(128),
    nickname       VARCHAR(255),
    avatar_url     VARCHAR(1024),
    phone_number   VARCHAR(32),
    roles          VARCHAR(255) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_user_account_app_openid UNIQUE (app_id, openid)
);
