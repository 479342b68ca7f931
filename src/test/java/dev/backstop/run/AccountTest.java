package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountTest {

    @Test
    void anAccountOnlyTheNameServiceKnowsIsReadFromGetentOutput() {
        String ldapOutput = "shop:*:10042:10042:Shop app (LDAP):/home/shop:/bin/bash\n";

        Optional<Account> account = Account.parseGetent("shop", ldapOutput);

        assertThat(account).contains(new Account("shop", "10042", "10042", "/home/shop"));
    }

    @Test
    void getentOutputWithoutTheNamedAccountOrWithBrokenLinesFindsNone() {
        assertThat(Account.parseGetent("shop", "")).isEmpty();
        assertThat(Account.parseGetent("shop", "shopper:x:1:1::/home/shopper:/bin/sh\n"))
                .isEmpty();
        assertThat(Account.parseGetent("shop", "shop:x:1\n")).isEmpty();
    }

    @Test
    void theRealLookupFindsNobodyThroughTheNameServiceSwitch() {
        Optional<Account> nobody = Account.lookup("nobody");

        assertThat(nobody).isPresent();
        assertThat(nobody.get().uid()).isEqualTo("65534");
        assertThat(nobody.get().home()).isNotEmpty();
    }

    @Test
    void namesThatGetentWouldReadAsOptionsOrUidsAreNoAccounts() {
        assertThat(Account.lookup("no-such-user-backstop")).isEmpty();
        assertThat(Account.lookup("-s")).isEmpty();
        assertThat(Account.lookup("0")).isEmpty();
    }
}
