# An uncaught exception prints a traceback on stderr and exits with status 1.
class Account:
    def __init__(self, balance):
        self.balance = balance

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError('insufficient funds: ' + str(self.balance))
        self.balance -= amount


def main():
    account = Account(10)
    account.withdraw(3)
    print('balance:', account.balance)
    account.withdraw(50)
    print('not reached')


main()
