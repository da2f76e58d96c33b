namespace Linq.Cli.Tests;

/// <summary>DDL with a few rows per table, written for these tests after the shape of well-known public schemas.</summary>
internal static class ZooFixtures
{
    /// <summary>A film rental store: domain, enum, arrays, tsvector, a partitioned table, explicit sequences, a trigger, views.</summary>
    public const string RentalStore = """
        CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
        CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
        CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.last_update := now(); RETURN NEW; END $$;
        CREATE SEQUENCE language_language_id_seq;
        CREATE TABLE language (
            language_id integer DEFAULT nextval('language_language_id_seq') NOT NULL PRIMARY KEY,
            name character(20) NOT NULL,
            last_update timestamptz DEFAULT now() NOT NULL);
        CREATE SEQUENCE actor_actor_id_seq;
        CREATE TABLE actor (
            actor_id integer DEFAULT nextval('actor_actor_id_seq') NOT NULL PRIMARY KEY,
            first_name text NOT NULL,
            last_name text NOT NULL,
            last_update timestamptz DEFAULT now() NOT NULL);
        CREATE INDEX idx_actor_last_name ON actor (last_name);
        CREATE SEQUENCE film_film_id_seq;
        CREATE TABLE film (
            film_id integer DEFAULT nextval('film_film_id_seq') NOT NULL PRIMARY KEY,
            title text NOT NULL,
            description text,
            release_year year,
            language_id integer NOT NULL REFERENCES language (language_id) ON UPDATE CASCADE ON DELETE RESTRICT,
            original_language_id integer REFERENCES language (language_id) ON UPDATE CASCADE ON DELETE RESTRICT,
            rental_duration smallint DEFAULT 3 NOT NULL,
            rental_rate numeric(4,2) DEFAULT 4.99 NOT NULL,
            length smallint,
            replacement_cost numeric(5,2) DEFAULT 19.99 NOT NULL,
            rating mpaa_rating DEFAULT 'G'::mpaa_rating,
            last_update timestamptz DEFAULT now() NOT NULL,
            special_features text[],
            fulltext tsvector NOT NULL);
        CREATE INDEX film_fulltext_idx ON film USING gin (fulltext);
        CREATE INDEX idx_title ON film (title);
        CREATE INDEX idx_film_title_pattern ON film (title text_pattern_ops) INCLUDE (film_id);
        CREATE INDEX idx_film_length ON film (length);
        CREATE INDEX idx_film_description_title ON film (description NULLS FIRST, title);
        CREATE INDEX idx_film_rating_desc ON film (rating DESC);
        CREATE INDEX idx_film_year_length ON film (release_year NULLS FIRST, length);
        CREATE INDEX film_original_language_id_idx ON film (original_language_id);
        CREATE TRIGGER film_last_updated BEFORE UPDATE ON film FOR EACH ROW EXECUTE FUNCTION last_updated();
        CREATE TABLE film_actor (
            actor_id integer NOT NULL REFERENCES actor (actor_id) ON UPDATE CASCADE ON DELETE RESTRICT,
            film_id integer NOT NULL REFERENCES film (film_id) ON UPDATE CASCADE ON DELETE RESTRICT,
            last_update timestamptz DEFAULT now() NOT NULL,
            PRIMARY KEY (actor_id, film_id));
        CREATE TABLE staff (
            staff_id serial PRIMARY KEY,
            first_name text NOT NULL,
            email text,
            active boolean DEFAULT true NOT NULL,
            username text NOT NULL,
            picture bytea);
        CREATE TABLE customer (
            customer_id serial PRIMARY KEY,
            first_name text NOT NULL,
            last_name text NOT NULL,
            activebool boolean DEFAULT true NOT NULL,
            create_date date DEFAULT CURRENT_DATE NOT NULL,
            active integer);
        CREATE TABLE payment (
            payment_id serial NOT NULL,
            customer_id integer NOT NULL REFERENCES customer (customer_id),
            staff_id integer NOT NULL REFERENCES staff (staff_id),
            amount numeric(5,2) NOT NULL,
            payment_date timestamptz NOT NULL,
            PRIMARY KEY (payment_date, payment_id)) PARTITION BY RANGE (payment_date);
        CREATE TABLE payment_p2022_01 PARTITION OF payment FOR VALUES FROM ('2022-01-01') TO ('2022-02-01');
        CREATE TABLE payment_p2022_02 PARTITION OF payment FOR VALUES FROM ('2022-02-01') TO ('2022-03-01');
        CREATE VIEW actor_info AS SELECT a.actor_id, a.first_name, a.last_name, count(fa.film_id) AS films
            FROM actor a LEFT JOIN film_actor fa ON fa.actor_id = a.actor_id GROUP BY a.actor_id, a.first_name, a.last_name;
        CREATE VIEW film_list AS SELECT f.film_id AS fid, f.title, l.name AS language, f.rating FROM film f JOIN language l ON l.language_id = f.language_id;

        INSERT INTO language (name) VALUES ('English'), ('Italian'), ('Japanese');
        INSERT INTO actor (first_name, last_name) VALUES ('PENELOPE', 'GUINESS'), ('NICK', 'WAHLBERG'), ('ED', 'CHASE');
        INSERT INTO film (title, description, release_year, language_id, original_language_id, length, rating, special_features, fulltext) VALUES
            ('ACADEMY DINOSAUR', 'A Epic Drama', 2006, 1, NULL, 86, 'PG', '{Deleted Scenes,Behind the Scenes}', to_tsvector('english', 'academy dinosaur')),
            ('ACE GOLDFINGER', NULL, 2006, 1, 2, 48, 'G', '{Trailers}', to_tsvector('english', 'ace goldfinger')),
            ('ADAPTATION HOLES', 'A Astounding Reflection', NULL, 3, NULL, NULL, NULL, NULL, to_tsvector('english', 'adaptation holes'));
        INSERT INTO film_actor (actor_id, film_id) VALUES (1, 1), (1, 2), (2, 1), (3, 3);
        INSERT INTO staff (first_name, email, username, picture) VALUES ('Mike', 'mike@example.org', 'Mike', '\x89504e47'), ('Jon', NULL, 'Jon', NULL);
        INSERT INTO customer (first_name, last_name, active) VALUES ('MARY', 'SMITH', 1), ('PATRICIA', 'JOHNSON', 0);
        INSERT INTO payment (customer_id, staff_id, amount, payment_date) VALUES
            (1, 1, 2.99, '2022-01-24 21:40:19+00'), (1, 2, 0.99, '2022-02-25 15:16:45+00'), (2, 1, 5.99, '2022-01-28 21:44:14+00');
        UPDATE film SET length = length WHERE film_id = 1;
        """;

    /// <summary>A trading company: character keys, real prices, a self reference, composite keys, a table without foreign keys.</summary>
    public const string TradingCompany = """
        CREATE TABLE categories (
            category_id smallint NOT NULL PRIMARY KEY,
            category_name character varying(15) NOT NULL,
            description text,
            picture bytea);
        CREATE TABLE customers (
            customer_id character(5) NOT NULL PRIMARY KEY,
            company_name character varying(40) NOT NULL,
            contact_name character varying(30),
            country character varying(15));
        CREATE TABLE employees (
            employee_id smallint NOT NULL PRIMARY KEY,
            last_name character varying(20) NOT NULL,
            first_name character varying(10) NOT NULL,
            birth_date date,
            photo bytea,
            notes text,
            reports_to smallint REFERENCES employees (employee_id));
        CREATE TABLE region (region_id smallint NOT NULL PRIMARY KEY, region_description character(60) NOT NULL);
        CREATE TABLE territories (
            territory_id character varying(20) NOT NULL PRIMARY KEY,
            territory_description character(60) NOT NULL,
            region_id smallint NOT NULL REFERENCES region (region_id));
        CREATE TABLE employee_territories (
            employee_id smallint NOT NULL REFERENCES employees (employee_id),
            territory_id character varying(20) NOT NULL REFERENCES territories (territory_id),
            PRIMARY KEY (employee_id, territory_id));
        CREATE TABLE suppliers (supplier_id smallint NOT NULL PRIMARY KEY, company_name character varying(40) NOT NULL);
        CREATE TABLE products (
            product_id smallint NOT NULL PRIMARY KEY,
            product_name character varying(40) NOT NULL,
            supplier_id smallint REFERENCES suppliers,
            category_id smallint REFERENCES categories,
            unit_price real,
            units_in_stock smallint,
            discontinued integer NOT NULL);
        CREATE TABLE orders (
            order_id smallint NOT NULL PRIMARY KEY,
            customer_id character(5) REFERENCES customers,
            employee_id smallint REFERENCES employees,
            order_date date,
            freight real);
        CREATE TABLE order_details (
            order_id smallint NOT NULL REFERENCES orders,
            product_id smallint NOT NULL REFERENCES products,
            unit_price real NOT NULL,
            quantity smallint NOT NULL,
            discount real NOT NULL,
            PRIMARY KEY (order_id, product_id));
        CREATE TABLE us_states (state_id smallint NOT NULL PRIMARY KEY, state_name character varying(100), state_abbr character varying(2));

        INSERT INTO categories VALUES (1, 'Beverages', 'Soft drinks', '\x0102'), (2, 'Condiments', NULL, NULL);
        INSERT INTO customers VALUES ('ALFKI', 'Alfreds Futterkiste', 'Maria Anders', 'Germany'), ('ANATR', 'Ana Trujillo', NULL, 'Mexico');
        INSERT INTO employees VALUES (2, 'Fuller', 'Andrew', '1952-02-19', NULL, 'VP', NULL), (1, 'Davolio', 'Nancy', '1948-12-08', '\xff', NULL, 2);
        INSERT INTO region VALUES (1, 'Eastern'), (2, 'Western');
        INSERT INTO territories VALUES ('01581', 'Westboro', 1), ('94025', 'Menlo Park', 2);
        INSERT INTO employee_territories VALUES (1, '01581'), (2, '94025'), (2, '01581');
        INSERT INTO suppliers VALUES (1, 'Exotic Liquids');
        INSERT INTO products VALUES (1, 'Chai', 1, 1, 18, 39, 0), (2, 'Aniseed Syrup', NULL, 2, 10.5, NULL, 1);
        INSERT INTO orders VALUES (10248, 'ALFKI', 1, '1996-07-04', 32.38), (10249, NULL, NULL, NULL, NULL);
        INSERT INTO order_details VALUES (10248, 1, 14, 12, 0), (10248, 2, 9.8, 10, 0.05), (10249, 1, 18.6, 9, 0);
        INSERT INTO us_states VALUES (1, 'Alabama', 'AL');
        """;

    /// <summary>An enterprise database in several schemas: the same table name twice, a foreign key across schemas, domains, identity, uuid, unmapped types.</summary>
    public const string Enterprise = """
        CREATE SCHEMA person;
        CREATE SCHEMA sales;
        CREATE DOMAIN public."Name" AS character varying(50);
        CREATE DOMAIN public."Flag" AS boolean NOT NULL;
        CREATE TABLE person.person (
            business_entity_id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            first_name "Name" NOT NULL,
            last_name "Name" NOT NULL,
            name_style "Flag" DEFAULT false,
            rowguid uuid DEFAULT gen_random_uuid() NOT NULL,
            modified_date timestamp DEFAULT now() NOT NULL);
        CREATE TABLE person.address (address_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, city text NOT NULL);
        CREATE TABLE sales.address (address_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, line text NOT NULL, person_address_id integer REFERENCES person.address);
        CREATE TABLE sales.territory (
            territory_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name "Name" NOT NULL,
            sales_ytd money DEFAULT 0.00 NOT NULL,
            rowguid uuid DEFAULT gen_random_uuid() NOT NULL);
        CREATE TABLE sales.customer (
            customer_id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            person_id integer REFERENCES person.person (business_entity_id),
            territory_id integer REFERENCES sales.territory (territory_id),
            address_id integer REFERENCES sales.address (address_id),
            demographics xml,
            avg_wait interval,
            last_ip inet,
            fine_rate numeric(40,30),
            rowguid uuid DEFAULT gen_random_uuid() NOT NULL,
            modified_date timestamp DEFAULT now() NOT NULL);

        INSERT INTO person.person (first_name, last_name) VALUES ('Ken', 'Sánchez'), ('Terri', 'Duffy');
        INSERT INTO person.address (city) VALUES ('Bothell'), ('Seattle');
        INSERT INTO sales.address (line, person_address_id) VALUES ('1 Main St', 1), ('2 Side St', NULL);
        INSERT INTO sales.territory (name, sales_ytd) VALUES ('Northwest', 7887186.79), ('Central', 0);
        INSERT INTO sales.customer (person_id, territory_id, address_id, demographics, avg_wait, last_ip) VALUES
            (1, 1, 1, '<a/>', '1 hour', '10.0.0.1'), (NULL, 2, NULL, NULL, NULL, NULL), (2, NULL, 2, NULL, '2 days', '::1');
        """;

    /// <summary>Names that are not C# names and constraints the model knows only in part.</summary>
    public const string Awkward = """
        CREATE TABLE "user" (id integer PRIMARY KEY, "class" text NOT NULL, "event" text, "operator" integer, "namespace" text, "public" boolean NOT NULL DEFAULT false,
            "user" text, "UserName" text NOT NULL, "Id" integer);
        CREATE TABLE "order" (order_no integer PRIMARY KEY, id integer NOT NULL, user_id integer NOT NULL REFERENCES "user" ON UPDATE CASCADE ON DELETE CASCADE,
            qty integer NOT NULL CHECK (qty > 0), price numeric(10,2) NOT NULL, total numeric GENERATED ALWAYS AS (qty * price) STORED);
        CREATE UNIQUE INDEX order_no_unique ON "order" (order_no);
        CREATE INDEX order_big ON "order" (qty) WHERE qty > 10;
        CREATE INDEX order_lower ON "order" (lower(id::text));
        CREATE TABLE "group" ("Group" text PRIMARY KEY, "My Label" text, "half-life" integer, "2fa" boolean, "größe" integer, "Straße" text);
        CREATE TABLE "MixedCase" ("MixedId" integer PRIMARY KEY, "camelValue" text, "code" text NOT NULL UNIQUE);
        CREATE TABLE member_of (
            mixed_code text NOT NULL REFERENCES "MixedCase" (code) DEFERRABLE INITIALLY DEFERRED,
            group_name text NOT NULL REFERENCES "group" ("Group"),
            note text,
            PRIMARY KEY (mixed_code, group_name));
        CREATE TABLE log_line (at timestamptz NOT NULL, message text);
        CREATE TABLE keyed_log (seq integer NOT NULL, message text, CONSTRAINT keyed_log_seq_key UNIQUE (seq));
        CREATE TYPE "task state" AS ENUM ('in progress', 'it''s done', 'a_b', 'a-b', 'a b', '2fa', 'class', 'Done', 'done', 'TaskState', 'a label of exactly sixty-three bytes, which PostgreSQL still ta', '');
        CREATE TABLE task (id integer PRIMARY KEY, state "task state" NOT NULL DEFAULT 'it''s done', previous "task state", history "task state"[]);
        CREATE TABLE city (id integer PRIMARY KEY, name text NOT NULL);
        CREATE TABLE capital (state text NOT NULL, PRIMARY KEY (id)) INHERITS (city);

        INSERT INTO "user" VALUES (1, 'a', 'e', 1, 'n', true, 'u', 'Ann', 7), (2, 'b', NULL, NULL, NULL, false, NULL, 'Bob', NULL);
        INSERT INTO "order" (order_no, id, user_id, qty, price) VALUES (10, 1, 1, 2, 3.50), (11, 2, 1, 20, 1), (12, 3, 2, 1, 9.99);
        INSERT INTO "group" VALUES ('admins', 'Admins', 5, true, 180, 'Hauptstraße'), ('users', NULL, NULL, NULL, NULL, NULL);
        INSERT INTO "MixedCase" VALUES (1, 'x', 'c1'), (2, NULL, 'c2');
        INSERT INTO member_of VALUES ('c1', 'admins', NULL), ('c2', 'users', 'hi');
        INSERT INTO log_line VALUES (now(), 'started');
        INSERT INTO keyed_log VALUES (1, 'one'), (2, NULL);
        INSERT INTO task VALUES (1, 'in progress', NULL, '{"a-b","a b","a_b"}'), (2, 'it''s done', '2fa', NULL), (3, 'class', 'Done', '{done,TaskState}'),
            (4, 'a label of exactly sixty-three bytes, which PostgreSQL still ta', '', '{""}'), (5, 'a b', 'a-b', '{}');
        INSERT INTO city VALUES (1, 'Springfield');
        INSERT INTO capital VALUES (2, 'Sacramento', 'CA');
        """;
}
