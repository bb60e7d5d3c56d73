package io.github.wxlogin.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The wx-login sample: WeChat mini-program login, bearer tokens, users in a database.
 * With no WeChat credentials it runs in demo mode, against an embedded simulator.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
